using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paydesk.Infrastructure.Config;

namespace Paydesk.Infrastructure.Health;

internal static class HealthRegistration
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The readiness checks of the database and the broker, each answer cached for <see cref="HealthOptions.CacheSeconds"/>.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddValidatedOptions<HealthOptions>(HealthOptions.SectionName);
        services.AddSingleton<HealthCheckCache>();
        services.AddHealthChecks()
            .Add(Cached<DatabaseHealthCheck>("database"))
            .Add(Cached<BrokerHealthCheck>("broker"));
        return services;
    }

    private static HealthCheckRegistration Cached<TCheck>(string name)
        where TCheck : IHealthCheck => new(
            name,
            sp => new CachedHealthCheck(name, ActivatorUtilities.CreateInstance<TCheck>(sp), sp.GetRequiredService<HealthCheckCache>()),
            failureStatus: HealthStatus.Unhealthy,
            tags: ["ready"],
            timeout: CheckTimeout);
}
