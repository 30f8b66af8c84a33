using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <summary>
/// The opaque position of a page: the creation time and id of the last payment returned, and, for
/// a search, the fingerprint of the filters it was made for, so that it is refused with any others.
/// Callers pass back what they were given and never build one themselves.
/// </summary>
internal static class PaymentCursor
{
    private const string Version = "v1";
    private const int MaxLength = 128;

    public static string Encode(PaymentPagePosition position) => Encode(position, null);

    public static string Encode(PaymentPagePosition position, string? scope)
    {
        var micros = (position.CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var text = scope is null
            ? string.Create(CultureInfo.InvariantCulture, $"{Version}:{micros}:{position.Id.Value:N}")
            : string.Create(CultureInfo.InvariantCulture, $"{Version}:{micros}:{position.Id.Value:N}:{scope}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static bool TryDecode(string cursor, out PaymentPagePosition position) => TryDecode(cursor, null, out position);

    /// <summary>The position, if <paramref name="cursor"/> is one this class made for <paramref name="scope"/> (none: a scope-less cursor).</summary>
    public static bool TryDecode(string cursor, string? scope, out PaymentPagePosition position)
    {
        position = default;
        if (cursor.Length > MaxLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.Split(':');
        var expectedParts = scope is null ? 3 : 4;
        if (parts.Length != expectedParts || parts[0] != Version
            || (scope is not null && !string.Equals(parts[3], scope, StringComparison.Ordinal))
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
            || micros > (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10
            || !Guid.TryParseExact(parts[2], "N", out var id))
        {
            return false;
        }

        position = new PaymentPagePosition(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), new PaymentId(id));
        return true;
    }
}
