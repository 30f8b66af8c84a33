using System.Threading.RateLimiting;

namespace Paydesk.Api.Http;

/// <summary>The answer of the shared bucket: let in, or refused with how long to wait (the 429's <c>Retry-After</c>).</summary>
internal sealed class RateLimitingLease(bool acquired, TimeSpan retryAfter) : RateLimitLease
{
    public static readonly RateLimitingLease Granted = new(acquired: true, TimeSpan.Zero);

    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (!acquired && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = retryAfter;
            return true;
        }

        metadata = null;
        return false;
    }
}
