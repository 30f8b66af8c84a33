using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>
/// Claims due deliveries and runs their attempts side by side, each stored as soon as it ends: a slow
/// endpoint holds only its own attempts (at most <see cref="WebhookOptions.MaxConcurrencyPerEndpoint"/>),
/// never the others'.
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookDeliveryClaims claims, WebhookDeliverer deliverer, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, int> _inFlight = [];
    private readonly HashSet<Task> _running = [];
    private readonly SemaphoreSlim _finished = new(0);

    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Claims what free slots allow and starts those attempts; returns how many it started.</summary>
    public async Task<int> StartDueAsync(CancellationToken cancellationToken)
    {
        int free;
        Dictionary<Guid, int> inFlight;
        lock (_lock)
        {
            free = options.Value.MaxConcurrency - _running.Count;
            inFlight = new Dictionary<Guid, int>(_inFlight);
        }

        if (free <= 0)
        {
            return 0;
        }

        var claimed = await claims.ClaimAsync(free, inFlight, cancellationToken);
        foreach (var delivery in claimed)
        {
            lock (_lock)
            {
                _inFlight[delivery.EndpointId] = _inFlight.GetValueOrDefault(delivery.EndpointId) + 1;
                _running.Add(RunAsync(delivery, cancellationToken));
            }
        }

        return claimed.Count;
    }

    /// <summary>Waits until an attempt ends or the timeout passes.</summary>
    public Task WaitForAnyAsync(TimeSpan timeout, CancellationToken cancellationToken) => _finished.WaitAsync(timeout, cancellationToken);

    /// <summary>Waits for every attempt in flight (tests, shutdown).</summary>
    public Task DrainAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_running.ToList());
        }
    }

    /// <summary>One round, as the tests drive it: claim what is due, make those attempts, wait for all of them.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var started = await StartDueAsync(cancellationToken);
        await DrainAsync();
        return started;
    }

    private async Task RunAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await deliverer.DeliverAsync(delivery, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the claim expires and the delivery comes due again.
        }
        catch (Exception ex)
        {
            // The outcome could not be stored (database down): the claim expires and the attempt is made again.
            LogAttemptFailed(logger, delivery.Id, ex);
        }
        finally
        {
            lock (_lock)
            {
                var left = _inFlight[delivery.EndpointId] - 1;
                if (left == 0)
                {
                    _inFlight.Remove(delivery.EndpointId);
                }
                else
                {
                    _inFlight[delivery.EndpointId] = left;
                }

                _running.RemoveWhere(t => t.IsCompleted);
            }

            _finished.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId}: the attempt's outcome was not stored; it is tried again when its claim expires")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, Exception exception);
}
