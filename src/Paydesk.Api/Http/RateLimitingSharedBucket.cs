using System.Threading.RateLimiting;
using Paydesk.Infrastructure.External.Redis;

namespace Paydesk.Api.Http;

/// <summary>
/// One API key's token bucket, kept in Redis so every instance draws from it. When Redis does not
/// answer, the request is let through (fails open) and <see cref="RateLimitingStoreOutage"/> records it.
/// </summary>
internal sealed class RateLimitingSharedBucket(string caller, RateLimitingOptions options, RedisTokenBucket bucket, RateLimitingStoreOutage outage) : RateLimiter
{
    // The partitioned limiter keeps a limiter per configured key; nothing to reclaim.
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    // The middleware first tries synchronously and, when that lease is not acquired, acquires
    // asynchronously. Redis is only asked asynchronously (a blocking call would starve the thread
    // pool), so the synchronous attempt always declines and takes no token.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => RateLimitingLease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return RateLimitingLease.Granted;
        }

        try
        {
            var answer = await bucket.TryTakeAsync(caller, options.Burst, options.PermitsPerPeriod, TimeSpan.FromSeconds(options.PeriodSeconds)).WaitAsync(cancellationToken);
            return answer.Taken ? RateLimitingLease.Granted : new RateLimitingLease(acquired: false, answer.RetryAfter);
        }
        catch (Exception ex) when (RedisTokenBucket.IsUnavailable(ex))
        {
            outage.Failed(ex);
            return RateLimitingLease.Granted;
        }
    }
}
