using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Reports;
using Paydesk.Dashboard.Overview;
using Paydesk.Domain.Common;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Dashboard.Pages.Dashboard;

/// <summary>The overview: today's money, the last 30 days, and whether Paydesk keeps up.</summary>
public sealed class IndexModel(
    GetDailyTotalsHandler dailyTotals,
    OutboxStore outbox,
    IPaymentBacklogQuery payments,
    HealthCheckService health,
    TimeProvider clock) : PageModel
{
    public const int ChartDays = 30;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<DailyTotal> TodayTotals { get; private set; } = [];

    public IReadOnlyList<DailyChart> Charts { get; private set; } = [];

    public DateOnly ChartFrom { get; private set; }

    public long OutboxBacklog { get; private set; }

    public long DeadLetters { get; private set; }

    /// <summary>How long the oldest pending payment has waited for the gateway; null when none waits.</summary>
    public TimeSpan? OldestPendingAge { get; private set; }

    public HealthReport Readiness { get; private set; } = new(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = Timestamps.Normalize(clock.GetUtcNow());
        Today = DateOnly.FromDateTime(now.UtcDateTime);
        ChartFrom = Today.AddDays(-(ChartDays - 1));
        var days = (await dailyTotals.HandleAsync(new DailyTotalsQuery(Day(ChartFrom), Day(Today)), cancellationToken)).Data;
        TodayTotals = [.. days.Where(d => d.Date == Today).OrderBy(d => d.Currency, StringComparer.Ordinal)];
        Charts = DailyChart.For(days, ChartFrom, Today);
        (OutboxBacklog, _) = await outbox.BacklogAsync(now, cancellationToken);
        DeadLetters = await outbox.CountDeadAsync(cancellationToken);
        OldestPendingAge = await payments.OldestPendingCreatedAtAsync(cancellationToken) is { } oldest ? now - oldest : null;

        // The same checks, by the same tag, as /health/ready.
        Readiness = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
