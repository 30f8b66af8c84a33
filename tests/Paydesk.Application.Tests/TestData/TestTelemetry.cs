using System.Diagnostics.Metrics;
using Paydesk.Application.Common;

namespace Paydesk.Application.Tests;

/// <summary>Real meters, each test's own, that nobody listens to.</summary>
internal static class TestTelemetry
{
    public static PaydeskTelemetry Create() => new(new MeterFactory());

    private sealed class MeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
