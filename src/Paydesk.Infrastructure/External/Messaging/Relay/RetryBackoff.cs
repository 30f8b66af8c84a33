namespace Paydesk.Infrastructure.External.Messaging.Relay;

/// <summary>Exponential backoff with jitter: base × 2^(attempt−1), capped, then a random point in its upper half.</summary>
public static class RetryBackoff
{
    public static TimeSpan For(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ceiling = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        // Half fixed, half random: retries of many rows spread out, yet never come back sooner than half the step.
        return TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * Math.Clamp(random, 0, 1)));
    }
}
