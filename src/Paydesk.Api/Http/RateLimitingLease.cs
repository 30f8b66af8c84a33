using System.Threading.RateLimiting;

namespace Paydesk.Api.Http;

/// <summary>The answer of the shared bucket: let in, or refused with how long to wait (the 429's <c>Retry-After</c>).</summary>
internal sealed class RateLimitingLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
{
    public static readonly RateLimitingLease Granted = new(acquired: true, retryAfter: null);

    /// <summary>The synchronous attempt's answer: not acquired, and no wait to report, so the caller asks asynchronously.</summary>
    public static readonly RateLimitingLease NotYet = new(acquired: false, retryAfter: null);

    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = wait;
            return true;
        }

        metadata = null;
        return false;
    }
}
