using System.ComponentModel.DataAnnotations;

namespace Paydesk.Api.Observability;

/// <summary>
/// The <c>Telemetry</c> section. Traces and metrics also go to an OTLP collector whenever the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> environment variable is set.
/// </summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    public string ServiceName { get; set; } = "paydesk";

    public PrometheusOptions Prometheus { get; set; } = new();
}

internal sealed class PrometheusOptions
{
    /// <summary>Serve a Prometheus scrape endpoint.</summary>
    public bool Enabled { get; set; } = true;

    [Required]
    [RegularExpression("^/[A-Za-z0-9/_-]*$", ErrorMessage = "The path must start with '/' and use letters, digits, '/', '_' or '-'.")]
    public string Path { get; set; } = "/metrics";

    /// <summary>Require an API key (any configured key) to scrape.</summary>
    public bool RequireApiKey { get; set; }
}
