namespace Paydesk.Api.Tests;

/// <summary>
/// Tests that count what OpenTelemetry collected run alone. Its listeners are process-wide: a host's
/// MeterProvider and TracerProvider also see the "Paydesk" meters and the ASP.NET Core activities of
/// every other test host alive in the same process, so a count would include their requests.
/// xUnit 2 runs the collections that disable parallelization after all the parallel ones have
/// finished (their fixtures disposed), one at a time; other test projects run in processes of their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideTelemetryCollection
{
    public const string Name = "Process-wide telemetry";
}
