using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paydesk.Infrastructure.Config;

namespace Paydesk.Infrastructure.Health;

internal static class HealthRegistration
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The readiness checks of the database, the broker and Redis, each answer cached for
    /// <see cref="HealthOptions.CacheSeconds"/>. Redis down is Degraded (still ready): see <see cref="RedisHealthCheck"/>.
    /// </summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddValidatedOptions<HealthOptions>(HealthOptions.SectionName);
        services.AddSingleton<HealthCheckCache>();
        services.AddHealthChecks()
            .Add(Cached<DatabaseHealthCheck>("database"))
            .Add(Cached<BrokerHealthCheck>("broker"))
            .Add(Cached<RedisHealthCheck>("redis", HealthStatus.Degraded));
        return services;
    }

    private static HealthCheckRegistration Cached<TCheck>(string name, HealthStatus failureStatus = HealthStatus.Unhealthy)
        where TCheck : IHealthCheck => new(
            name,
            sp => new CachedHealthCheck(name, ActivatorUtilities.CreateInstance<TCheck>(sp), sp.GetRequiredService<HealthCheckCache>()),
            failureStatus: failureStatus,
            tags: ["ready"],
            timeout: CheckTimeout);
}
