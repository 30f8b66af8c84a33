using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.External.Messaging;

namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>
/// The background service that sends webhooks, apart from the outbox relay so that neither waits
/// for the other. A failing pass (database down) is logged and tried again at the next poll.
/// </summary>
internal sealed partial class WebhookDeliveryWorker(
    WebhookDispatcher dispatcher,
    WebhookHousekeeping housekeeping,
    IOptions<WebhookOptions> options,
    IOptions<MessagingOptions> messagingOptions,
    TimeProvider clock,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One-shot commands turn the relay off; the webhook worker stops with it.
        if (!options.Value.WorkerEnabled || !messagingOptions.Value.RelayEnabled)
        {
            return;
        }

        await Task.Yield();
        var nextHousekeeping = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= nextHousekeeping)
                {
                    await housekeeping.RunAsync(stoppingToken);
                    nextHousekeeping = clock.GetUtcNow() + HousekeepingInterval;
                }

                await dispatcher.StartDueAsync(stoppingToken);
                await dispatcher.WaitForAnyAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPassFailed(logger, ex);
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        try
        {
            await dispatcher.DrainAsync();
        }
        catch (OperationCanceledException)
        {
            // Attempts cut short by shutdown come due again when their claims expire.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery pass failed; retrying at the next poll")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
