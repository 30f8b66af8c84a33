using System.Diagnostics.Metrics;

namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>
/// The delivery worker's instruments (meter <c>Paydesk.Webhooks</c>): attempts by outcome, their
/// duration, and per endpoint the age of its oldest undelivered event, refreshed by housekeeping.
/// </summary>
public sealed class WebhookMetrics : IDisposable
{
    public const string MeterName = "Paydesk.Webhooks";

    private readonly Meter _meter;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _duration;
    private volatile IReadOnlyDictionary<Guid, double> _oldestPendingAge = new Dictionary<Guid, double>();

    public WebhookMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _deliveries = _meter.CreateCounter<long>("paydesk.webhook.deliveries", "{attempt}", "Webhook delivery attempts by outcome (succeeded, retrying, dead).");
        _duration = _meter.CreateHistogram<double>("paydesk.webhook.attempt.duration", "s", "Duration of webhook delivery attempts by outcome.");
        _meter.CreateObservableGauge("paydesk.webhook.oldest_pending_age", ObserveOldest, "s", "Per endpoint, how long its oldest undelivered event has waited.");
    }

    public IReadOnlyDictionary<Guid, double> OldestPendingAgeSeconds => _oldestPendingAge;

    public void Attempted(string outcome, TimeSpan duration)
    {
        _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void ObserveOldestPending(IReadOnlyDictionary<Guid, TimeSpan> ages) =>
        _oldestPendingAge = ages.ToDictionary(a => a.Key, a => a.Value.TotalSeconds);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> ObserveOldest() =>
        _oldestPendingAge.Select(a => new Measurement<double>(a.Value, new KeyValuePair<string, object?>("endpoint_id", a.Key.ToString())));
}
