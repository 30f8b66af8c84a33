using OpenTelemetry.Trace;

namespace Paydesk.Api.Observability;

/// <summary>
/// Spans are recorded only when something can export them: the OTLP exporter, or a sampler an
/// operator chose with the standard <c>OTEL_TRACES_SAMPLER</c> setting. Otherwise every span is
/// dropped at its start, so no instrumentation fills in tags for spans nobody reads. ASP.NET Core
/// still gives each request an Activity while any logging is on, so log lines keep their trace and
/// span ids, and the outbox still carries the caller's trace context.
/// </summary>
internal static class TraceSampling
{
    public const string SamplerSetting = "OTEL_TRACES_SAMPLER";

    public static TracerProviderBuilder SampleOnlyWhenExported(this TracerProviderBuilder tracing, bool exportsOtlp)
    {
        if (exportsOtlp || tracing is not IDeferredTracerProviderBuilder deferred)
        {
            return tracing;
        }

        // Read when the provider is built, from the final configuration (environment included),
        // which is also where OpenTelemetry itself reads OTEL_TRACES_SAMPLER.
        return deferred.Configure((services, builder) =>
        {
            if (string.IsNullOrEmpty(services.GetRequiredService<IConfiguration>()[SamplerSetting]))
            {
                builder.SetSampler(new AlwaysOffSampler());
            }
        });
    }
}
