using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <summary>
/// The opaque position of a page: the creation time and id of the last payment returned. Callers
/// pass back what they were given and never build one themselves.
/// </summary>
internal static class PaymentCursor
{
    private const string Version = "v1";

    public static string Encode(PaymentPagePosition position)
    {
        var micros = (position.CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var text = string.Create(CultureInfo.InvariantCulture, $"{Version}:{micros}:{position.Id.Value:N}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static bool TryDecode(string cursor, out PaymentPagePosition position)
    {
        position = default;
        if (cursor.Length > 128 || !Base64Url.IsValid(cursor))
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
        if (parts.Length != 3 || parts[0] != Version
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
