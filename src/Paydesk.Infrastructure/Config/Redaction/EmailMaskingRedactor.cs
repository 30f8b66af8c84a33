using Microsoft.Extensions.Compliance.Redaction;

namespace Paydesk.Infrastructure.Config.Redaction;

/// <summary>
/// Personal data in logs keeps just enough to correlate: an email keeps its first character and its
/// domain (a***@example.com); anything else keeps its first character only.
/// </summary>
public sealed class EmailMaskingRedactor : Redactor
{
    private const string Mask = "***";

    public override int GetRedactedLength(ReadOnlySpan<char> input) => Masked(input).Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        var redacted = Masked(source);
        redacted.AsSpan().CopyTo(destination);
        return redacted.Length;
    }

    private static string Masked(ReadOnlySpan<char> source)
    {
        if (source.IsEmpty)
        {
            return string.Empty;
        }

        var at = source.LastIndexOf('@');
        return at > 0
            ? string.Concat(source[..1], Mask, source[at..])
            : string.Concat(source[..1], Mask);
    }
}
