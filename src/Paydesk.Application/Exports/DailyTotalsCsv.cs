using Paydesk.Application.Reports;

namespace Paydesk.Application.Exports;

/// <summary>The daily totals report as CSV: one row per day and currency, amounts in minor units, as its JSON has them.</summary>
public static class DailyTotalsCsv
{
    public static IReadOnlyList<string> Names { get; } =
        ["date", "currency", "succeeded_count", "failed_count", "gross_amount", "refunded_amount", "net_amount", "disputed_amount", "lost_amount"];

    public static async Task WriteAsync(DailyTotalsReport report, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var csv = CsvFormat.Create(output);
        await CsvFormat.WriteHeaderAsync(csv, Names, cancellationToken);
        foreach (var row in report.Data)
        {
            csv.WriteField(row.Date, "yyyy-MM-dd");
            csv.WriteField(row.Currency);
            foreach (var amount in (long[])[row.SucceededCount, row.FailedCount, row.GrossAmount, row.RefundedAmount, row.NetAmount, row.DisputedAmount, row.LostAmount])
            {
                csv.WriteField(amount, default);
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
