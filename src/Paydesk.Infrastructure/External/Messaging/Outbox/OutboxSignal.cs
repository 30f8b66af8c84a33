namespace Paydesk.Infrastructure.External.Messaging.Outbox;

/// <summary>
/// Wakes the relay as soon as a commit wrote outbox rows, so events leave in milliseconds rather
/// than at the next poll. Losing a signal costs only latency: the relay polls as well.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
