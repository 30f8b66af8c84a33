using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Application.Payments;
using Paydesk.Application.Reconciliation;

namespace Paydesk.Infrastructure.Reconciliation;

/// <summary>
/// Runs a reconciliation round every <c>Reconciliation:PollInterval</c>, which also cancels payments
/// left in <c>requires_action</c> past <c>Payments:ActionTimeout</c>. Safe to run in every
/// instance: the round claims each payment with a version-checked commit before asking the gateway.
/// </summary>
internal sealed partial class ReconciliationWorker(
    IServiceScopeFactory scopes,
    IOptions<ReconciliationOptions> options,
    IOptions<PaymentsOptions> payments,
    TimeProvider clock,
    ILogger<ReconciliationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var schedule = new ReconciliationSchedule(settings.FirstCheckAfter, settings.Interval, settings.MaxChecks, settings.BatchSize)
        {
            ActionTimeout = payments.Value.ActionTimeout,
        };
        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var round = await scope.ServiceProvider.GetRequiredService<ReconcilePaymentsHandler>().RunAsync(schedule, stoppingToken);
                if (round.Checked > 0 || round.RecordsCompleted > 0)
                {
                    LogRound(logger, round.Checked, round.Settled, round.RecordsCompleted);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One failed round (database down) must not stop the worker; it is logged and retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRoundFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation checked {Checked} payments, settled {Settled}, completed {Records} in-flight idempotency records")]
    private static partial void LogRound(ILogger logger, int @checked, int settled, int records);

    [LoggerMessage(Level = LogLevel.Error, Message = "A reconciliation round failed; the next one retries")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
