using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Paydesk.Application.Common;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Relay;
using Paydesk.Infrastructure.External.Redis;
using Paydesk.Infrastructure.External.Webhooks;

namespace Paydesk.Api.Observability;

/// <summary>OpenTelemetry traces and metrics: incoming and outgoing HTTP, the database, and Paydesk's own.</summary>
internal static class Telemetry
{
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddPaydeskTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TelemetryOptions>(TelemetryOptions.SectionName);
        var serviceName = configuration[$"{TelemetryOptions.SectionName}:ServiceName"] ?? "paydesk";
        var exportsOtlp = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(OtlpEndpointVariable));

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => AddDatabaseTracing(tracing
                .SampleOnlyWhenExported(exportsOtlp)
                .AddSource(PaydeskTelemetry.Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation(), configuration))
            .WithMetrics(metrics => metrics
                .AddMeter(PaydeskTelemetry.Name)
                .AddMeter(OutboxMetrics.MeterName)
                .AddMeter(RedisMetrics.MeterName)
                .AddMeter(WebhookMetrics.MeterName)
                .AddMeter("Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        if (exportsOtlp)
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    public static WebApplication MapPaydeskMetrics(this WebApplication app)
    {
        var prometheus = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.Prometheus;
        if (prometheus.Enabled)
        {
            var endpoint = app.MapPrometheusScrapingEndpoint(prometheus.Path);
            if (prometheus.RequireApiKey)
            {
                endpoint.RequireAuthorization();
            }
        }

        return app;
    }

    /// <summary>
    /// One span per database command. On PostgreSQL that is Npgsql's own ActivitySource: EF Core's
    /// instrumentation would trace every command a second time, and it looks up the provider's
    /// assembly name by reflection for each one. SQLite's driver has no ActivitySource, so there
    /// EF Core's instrumentation is the one.
    /// </summary>
    private static TracerProviderBuilder AddDatabaseTracing(TracerProviderBuilder tracing, IConfiguration configuration) =>
        Enum.TryParse<DatabaseProvider>(configuration[$"{DatabaseOptions.SectionName}:Provider"], ignoreCase: true, out var provider)
            && provider == DatabaseProvider.Postgres
            ? tracing.AddNpgsql()
            : tracing.AddEntityFrameworkCoreInstrumentation();

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments("/metrics", StringComparison.Ordinal);
}
