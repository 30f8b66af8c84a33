using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paydesk.Infrastructure.External.Redis;

namespace Paydesk.Infrastructure.Health;

/// <summary>
/// Degraded, never unhealthy, while Redis does not answer: rate limiting then fails open and
/// payments go on (decision 0009), so an instance without Redis must stay in the load balancer.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection connection, RedisMetrics metrics) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!connection.IsEnabled)
        {
            return HealthCheckResult.Healthy("Not configured: rate limits are kept in this process.");
        }

        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            await (await connection.GetDatabaseAsync()).PingAsync().WaitAsync(cancellationToken);
            succeeded = true;
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded("Redis did not answer: rate limiting fails open.", ex);
        }
        finally
        {
            metrics.CommandCompleted("ping", Stopwatch.GetElapsedTime(started), succeeded);
        }
    }
}
