namespace Paydesk.Api.Tests;

/// <summary>
/// Tests that count what OpenTelemetry collected run alone. Its listeners are process-wide: a host's
/// MeterProvider and TracerProvider also see the "Paydesk" meters and the ASP.NET Core activities of
/// every other test host alive in the same process, so a count would include their requests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideTelemetryCollection
{
    public const string Name = "Process-wide telemetry";
}
