using System.Globalization;
using Paydesk.Domain.Amounts;

namespace Paydesk.Dashboard.Payments;

/// <summary>
/// Amounts as operators read and type them: in the currency's major units with its own number of
/// decimals ("12.00 EUR", "1500 JPY"), converted exactly to and from the minor units Paydesk keeps.
/// </summary>
internal static class DashboardMoney
{
    public static string Format(long minorUnits, string currencyCode) =>
        $"{Major(minorUnits, currencyCode)} {currencyCode}";

    /// <summary>The amount in major units without the code, as a form field shows it.</summary>
    public static string Major(long minorUnits, string currencyCode)
    {
        var decimals = Decimals(currencyCode);
        var value = minorUnits / Scale(decimals);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Reads "12", "12.5" or "12.50" as minor units; false with a message for anything else (more decimals than the currency has, a sign, letters).</summary>
    public static bool TryParse(string? text, string currencyCode, out long minorUnits, out string error)
    {
        minorUnits = 0;
        var decimals = Decimals(currencyCode);
        var example = Major(1250 * (long)Scale(decimals) / 100, currencyCode);
        error = $"Enter the amount in {currencyCode} with at most {decimals} decimals, e.g. {example}.";
        if (string.IsNullOrWhiteSpace(text)
            || !decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            return false;
        }

        var minor = major * Scale(decimals);
        if (minor != decimal.Truncate(minor) || minor < 1 || minor > Money.MaxMinorUnits)
        {
            return false;
        }

        minorUnits = (long)minor;
        return true;
    }

    private static int Decimals(string currencyCode) =>
        Currency.TryFromCode(currencyCode, out var currency) ? currency.MinorUnits : 2;

    private static decimal Scale(int decimals)
    {
        var scale = 1m;
        for (var i = 0; i < decimals; i++)
        {
            scale *= 10;
        }

        return scale;
    }
}
