using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Paydesk.Application.Common;

/// <summary>
/// Paydesk's own traces and metrics, on the BCL's ActivitySource and Meter so that no layer depends
/// on an exporter. The host decides where they go (OTLP, Prometheus).
/// </summary>
public sealed class PaydeskTelemetry : IDisposable
{
    public const string Name = "Paydesk";

    private readonly Meter _meter;

    public PaydeskTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        Payments = _meter.CreateCounter<long>("paydesk.payments", "{payment}", "Charges by outcome (payment status) and currency.");
        Refunds = _meter.CreateCounter<long>("paydesk.refunds", "{refund}", "Refunds by outcome (refund status) and currency.");
        GatewayDuration = _meter.CreateHistogram<double>("paydesk.gateway.duration", "s", "Duration of payment gateway calls by operation and outcome.");
        GatewayErrors = _meter.CreateCounter<long>("paydesk.gateway.errors", "{error}", "Gateway calls whose outcome is unknown, by operation.");
        Emails = _meter.CreateCounter<long>("paydesk.emails", "{email}", "Emails by template and result.");
        WebhookEvents = _meter.CreateCounter<long>("paydesk.webhook_events", "{event}", "Gateway webhook events by type and result (applied, duplicate, rejected).");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public Counter<long> Payments { get; }

    public Counter<long> Refunds { get; }

    public Histogram<double> GatewayDuration { get; }

    public Counter<long> GatewayErrors { get; }

    public Counter<long> Emails { get; }

    public Counter<long> WebhookEvents { get; }

    public void Dispose() => _meter.Dispose();
}
