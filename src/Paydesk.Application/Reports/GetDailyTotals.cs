using Paydesk.Application.Abstractions;

namespace Paydesk.Application.Reports;

public sealed record DailyTotalsQuery(string? From, string? To);

/// <summary>The rows as the read model gives them; a <see cref="DateOnly"/> is written <c>yyyy-MM-dd</c> in JSON.</summary>
public sealed record DailyTotalsReport(IReadOnlyList<DailyTotal> Data);

public sealed class GetDailyTotalsHandler(IDailyTotalsQuery totals)
{
    public const int MaxDays = 366;

    public async Task<DailyTotalsReport> HandleAsync(DailyTotalsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var range = ReportDateRange.Parse(query.From, query.To, MaxDays);
        return new DailyTotalsReport(await totals.GetAsync(range.From, range.To, cancellationToken));
    }
}
