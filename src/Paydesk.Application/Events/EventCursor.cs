using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Paydesk.Application.Events;

/// <summary>The opaque position of a page of events: creation time and id of the last one returned.</summary>
internal static class EventCursor
{
    private const string Version = "e1";

    public static string Encode(EventPagePosition position)
    {
        var micros = (position.CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}:{micros}:{position.Id:N}")));
    }

    public static bool TryDecode(string cursor, out EventPagePosition position)
    {
        position = default;
        if (cursor.Length > 128 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(':');
        if (parts.Length != 3 || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
            || micros > (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10
            || !Guid.TryParseExact(parts[2], "N", out var id))
        {
            return false;
        }

        position = new EventPagePosition(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), id);
        return true;
    }
}
