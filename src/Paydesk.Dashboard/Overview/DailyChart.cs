using System.Globalization;
using Paydesk.Application.Abstractions;

namespace Paydesk.Dashboard.Overview;

/// <summary>
/// The bars of one currency's chart: every day of the range (days without payments too, as empty
/// bars), scaled to the highest day's gross amount. Geometry only; the page draws it as inline SVG.
/// </summary>
public sealed class DailyChart
{
    public const int Width = 600;
    public const int Height = 200;
    public const int Bottom = 180;
    private const int Left = 10;
    private const int Top = 10;

    private DailyChart(string currency, IReadOnlyList<DailyChartBar> bars, long max)
    {
        Currency = currency;
        Bars = bars;
        Max = max;
    }

    public string Currency { get; }

    public IReadOnlyList<DailyChartBar> Bars { get; }

    /// <summary>The highest day's gross amount, in minor units: what the full height stands for.</summary>
    public long Max { get; }

    public string ViewBox => $"0 0 {Width} {Height}";

    /// <summary>One chart per currency that has any day in <paramref name="totals"/>, in code order.</summary>
    public static IReadOnlyList<DailyChart> For(IReadOnlyList<DailyTotal> totals, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var days = to.DayNumber - from.DayNumber + 1;
        return [.. totals
            .GroupBy(t => t.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var byDay = group.ToDictionary(t => t.Date);
                var max = Math.Max(1, group.Max(t => t.GrossAmount));
                var slot = (Width - (2 * Left)) / (double)days;
                var bars = Enumerable.Range(0, days).Select(i =>
                {
                    var date = from.AddDays(i);
                    var total = byDay.GetValueOrDefault(date);
                    var gross = total?.GrossAmount ?? 0;
                    var height = gross == 0 ? 0 : Math.Max(1, (Bottom - Top) * gross / (double)max);
                    return new DailyChartBar(date, gross, total?.SucceededCount ?? 0, Left + (i * slot) + 1, Bottom - height, Math.Max(1, slot - 2), height);
                }).ToList();
                return new DailyChart(group.Key, bars, max);
            })];
    }
}

/// <summary>One day's bar: its values and where it is drawn (SVG user units).</summary>
public sealed record DailyChartBar(DateOnly Date, long GrossAmount, long SucceededCount, double X, double Y, double BarWidth, double BarHeight)
{
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
