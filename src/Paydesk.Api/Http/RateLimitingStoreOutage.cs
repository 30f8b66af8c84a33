using Paydesk.Infrastructure.External.Redis;

namespace Paydesk.Api.Http;

/// <summary>
/// What happens when the shared bucket's store fails: the request goes on (decision 0009), the
/// failure is counted, and a warning is logged at most once a minute, so an outage under load
/// does not flood the log.
/// </summary>
internal sealed partial class RateLimitingStoreOutage(RedisMetrics metrics, TimeProvider clock, ILogger<RateLimitingStoreOutage> logger)
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);
    private long _nextWarningTicks = long.MinValue;
    private long _failedSinceWarning;

    public void Failed(Exception error)
    {
        metrics.RateLimitStoreFailed();
        var failed = Interlocked.Increment(ref _failedSinceWarning);
        var now = clock.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextWarningTicks);
        if (now >= next && Interlocked.CompareExchange(ref _nextWarningTicks, now + WarningInterval.Ticks, next) == next)
        {
            Interlocked.Exchange(ref _failedSinceWarning, 0);
            LogStoreDown(logger, failed, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rate limit store (Redis) did not answer; {Count} request(s) let through unlimited since the last warning. Rate limiting fails open until it is back")]
    private static partial void LogStoreDown(ILogger logger, long count, Exception error);
}
