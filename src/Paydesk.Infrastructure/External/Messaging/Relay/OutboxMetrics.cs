using System.Diagnostics.Metrics;

namespace Paydesk.Infrastructure.External.Messaging.Relay;

/// <summary>
/// The relay's instruments (meter <c>Paydesk.Outbox</c>): backlog and the age of the oldest due row
/// as gauges the relay refreshes after each pass, and counters of published rows (their rate is
/// the published-per-second figure), failed attempts and dead letters.
/// </summary>
public sealed class OutboxMetrics : IDisposable
{
    public const string MeterName = "Paydesk.Outbox";

    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _deadLetters;
    private long _backlog;
    private double _oldestDueAgeSeconds;

    public OutboxMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _published = _meter.CreateCounter<long>("paydesk.outbox.published", "{event}", "Outbox rows the transport confirmed.");
        _failures = _meter.CreateCounter<long>("paydesk.outbox.failures", "{attempt}", "Failed delivery attempts.");
        _deadLetters = _meter.CreateCounter<long>("paydesk.outbox.dead_letters", "{event}", "Rows moved to the dead-letter state.");
        _meter.CreateObservableGauge("paydesk.outbox.backlog", () => Interlocked.Read(ref _backlog), "{event}", "Pending outbox rows.");
        _meter.CreateObservableGauge("paydesk.outbox.oldest_due_age", () => Volatile.Read(ref _oldestDueAgeSeconds), "s", "How long the oldest due row has been waiting.");
    }

    public long Backlog => Interlocked.Read(ref _backlog);

    public double OldestDueAgeSeconds => Volatile.Read(ref _oldestDueAgeSeconds);

    public void Published(int count) => _published.Add(count);

    public void Failed(int count) => _failures.Add(count);

    public void DeadLettered(int count) => _deadLetters.Add(count);

    public void Observe(long backlog, TimeSpan oldestDueAge)
    {
        Interlocked.Exchange(ref _backlog, backlog);
        Volatile.Write(ref _oldestDueAgeSeconds, Math.Max(0, oldestDueAge.TotalSeconds));
    }

    public void Dispose() => _meter.Dispose();
}
