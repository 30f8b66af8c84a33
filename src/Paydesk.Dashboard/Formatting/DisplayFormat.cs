using System.Globalization;
using Paydesk.Domain.Amounts;

namespace Paydesk.Dashboard.Formatting;

/// <summary>How the dashboard writes amounts, times and durations: one place, the same on every page.</summary>
public static class DisplayFormat
{
    /// <summary>Minor units in the currency's own decimals, e.g. 123456 USD as "1,234.56 USD".</summary>
    public static string Amount(long minorUnits, string currency)
    {
        var decimals = Currency.TryFromCode(currency, out var known) ? known.MinorUnits : 2;
        var major = minorUnits / (decimal)Math.Pow(10, decimals);
        return $"{major.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)} {currency.ToUpperInvariant()}";
    }

    /// <summary>UTC, to the second, the form the API's timestamps read in.</summary>
    public static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Age(TimeSpan age) =>
        age < TimeSpan.FromMinutes(1) ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
        : age < TimeSpan.FromHours(1) ? $"{(int)age.TotalMinutes} min"
        : age < TimeSpan.FromDays(1) ? $"{(int)age.TotalHours} h {age.Minutes} min"
        : $"{(int)age.TotalDays} d {age.Hours} h";
}
