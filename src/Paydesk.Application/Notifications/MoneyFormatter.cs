using System.Globalization;
using Paydesk.Domain.Amounts;

namespace Paydesk.Application.Notifications;

/// <summary>
/// Amounts as people read them, with the currency's own number of decimals: JPY 1500 → ¥1,500,
/// USD 1500 → $15.00, BHD 1500 → BHD 1.500. Exact: the minor units are split, never divided as floating point.
/// </summary>
public static class MoneyFormatter
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["USD"] = "$",
        ["EUR"] = "€",
        ["GBP"] = "£",
        ["JPY"] = "¥",
    };

    public static string Format(long minorUnits, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var sign = minorUnits < 0 ? "-" : string.Empty;
        var magnitude = Math.Abs((decimal)minorUnits);
        var scale = 1m;
        for (var i = 0; i < currency.MinorUnits; i++)
        {
            scale *= 10;
        }

        var major = decimal.Truncate(magnitude / scale);
        var minor = magnitude - (major * scale);
        var text = major.ToString("#,0", CultureInfo.InvariantCulture);
        if (currency.MinorUnits > 0)
        {
            text += "." + minor.ToString(CultureInfo.InvariantCulture).PadLeft(currency.MinorUnits, '0');
        }

        return Symbols.TryGetValue(currency.Code, out var symbol)
            ? $"{sign}{symbol}{text}"
            : $"{sign}{currency.Code} {text}";
    }
}
