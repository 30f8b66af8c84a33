using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Infrastructure.External.Messaging.Relay;

/// <summary>
/// The background service that empties the outbox: a batch at a time while rows are due, then it
/// waits for a commit's signal or the poll interval. A failing pass (database or broker down) is
/// logged and retried on the next one; nothing is lost, the rows stay in the outbox.
/// </summary>
public sealed partial class OutboxRelay(
    OutboxProcessor processor,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    IOptions<DatabaseOptions> databaseOptions,
    TimeProvider clock,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RelayEnabled)
        {
            return;
        }

        // SQLite's lease admits one relay per process: its workers would share one holder id.
        var workers = databaseOptions.Value.Provider == DatabaseProvider.Postgres ? options.Value.RelayWorkers : 1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => RunWorkerAsync(housekeeper: w == 0, stoppingToken)));

        try
        {
            await processor.ReleaseLeaseAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogPassFailed(logger, ex);
        }
    }

    private async Task RunWorkerAsync(bool housekeeper, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var nextHousekeeping = housekeeper ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var processed = 0;
            try
            {
                processed = await processor.RunOnceAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextHousekeeping)
                {
                    await processor.HousekeepAsync(stoppingToken);
                    nextHousekeeping = clock.GetUtcNow() + HousekeepingInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPassFailed(logger, ex);
            }

            if (processed < options.Value.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay pass failed; retrying at the next pass")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
