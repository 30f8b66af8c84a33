using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.Config;
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

        var nextHousekeeping = DateTimeOffset.MinValue;
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

        try
        {
            await processor.ReleaseLeaseAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogPassFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay pass failed; retrying at the next pass")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
