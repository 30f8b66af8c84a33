using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Paydesk.Infrastructure.Health;

/// <summary>
/// Probes can arrive many times a second from several load balancers; the dependency is asked at
/// most once per <see cref="HealthOptions.CacheSeconds"/> and everyone in between gets that answer.
/// </summary>
internal sealed class CachedHealthCheck(string name, IHealthCheck inner, HealthCheckCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        cache.GetOrRunAsync(name, () => inner.CheckHealthAsync(context, cancellationToken));
}

internal sealed class HealthCheckCache(IOptions<HealthOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<HealthCheckResult> Result)> _entries = new(StringComparer.Ordinal);

    public Task<HealthCheckResult> GetOrRunAsync(string name, Func<Task<HealthCheckResult>> run)
    {
        var now = clock.GetUtcNow();
        var maxAge = TimeSpan.FromSeconds(options.Value.CacheSeconds);
        var entry = _entries.AddOrUpdate(
            name,
            _ => (now, run()),
            (_, existing) => now - existing.At < maxAge ? existing : (now, run()));
        return entry.Result;
    }
}
