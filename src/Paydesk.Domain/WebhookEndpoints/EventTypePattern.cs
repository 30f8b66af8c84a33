using System.Text.RegularExpressions;

namespace Paydesk.Domain.WebhookEndpoints;

/// <summary>
/// Which events an endpoint wants: an exact type (<c>payment.succeeded</c>), every type under a
/// prefix (<c>payment.*</c>) or every type (<c>*</c>).
/// </summary>
public static partial class EventTypePattern
{
    public const int MaxLength = 100;

    public static bool IsValid(string? pattern) =>
        pattern is { Length: > 0 and <= MaxLength } && Syntax().IsMatch(pattern);

    public static bool Matches(string pattern, string eventType)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(eventType);
        if (pattern == "*")
        {
            return true;
        }

        return pattern.EndsWith(".*", StringComparison.Ordinal)
            ? eventType.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, eventType, StringComparison.Ordinal);
    }

    public static bool MatchesAny(IEnumerable<string> patterns, string eventType) => patterns.Any(p => Matches(p, eventType));

    [GeneratedRegex(@"^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
