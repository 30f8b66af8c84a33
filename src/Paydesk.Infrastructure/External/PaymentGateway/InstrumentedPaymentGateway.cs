using System.Diagnostics;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.External.PaymentGateway;

/// <summary>
/// Wraps whichever gateway is configured with a span per call and the duration and error metrics,
/// so every adapter is measured the same way.
/// </summary>
internal sealed class InstrumentedPaymentGateway(IPaymentGateway inner, PaydeskTelemetry telemetry) : IPaymentGateway
{
    public Task<GatewayChargeOutcome> ChargeAsync(GatewayChargeRequest request, CancellationToken cancellationToken) =>
        MeasureAsync("charge", request.PaymentId.Value, () => inner.ChargeAsync(request, cancellationToken), r => r.Status.ToString());

    public Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
        MeasureAsync("refund", request.RefundId.Value, () => inner.RefundAsync(request, cancellationToken), r => r.Status.ToString());

    public Task<GatewayChargeOutcome?> LookUpChargeAsync(GatewayChargeRequest request, string? reference, CancellationToken cancellationToken) =>
        MeasureAsync("charge_lookup", request.PaymentId.Value, () => inner.LookUpChargeAsync(request, reference, cancellationToken), r => r?.Status.ToString() ?? "not_found");

    public Task<GatewayChargeOutcome> CancelAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken) =>
        MeasureAsync("charge_cancel", request.PaymentId.Value, () => inner.CancelAsync(request, reference, cancellationToken), r => r.Status.ToString());

    public Task<GatewayChargeOutcome> CaptureAsync(GatewayChargeRequest request, string reference, long amount, CancellationToken cancellationToken) =>
        MeasureAsync("charge_capture", request.PaymentId.Value, () => inner.CaptureAsync(request, reference, amount, cancellationToken), o => o.Status.ToString());

    public Task<GatewayChargeOutcome> CancelOnRequestAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken) =>
        MeasureAsync("charge_cancel_on_request", request.PaymentId.Value, () => inner.CancelOnRequestAsync(request, reference, cancellationToken), o => o.Status.ToString());

    public Task<GatewayRefundOutcome?> LookUpRefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
        MeasureAsync("refund_lookup", request.RefundId.Value, () => inner.LookUpRefundAsync(request, cancellationToken), r => r?.Status.ToString() ?? "not_found");

    private async Task<T> MeasureAsync<T>(string operation, Guid resourceId, Func<Task<T>> call, Func<T, string> outcomeOf)
    {
        using var activity = PaydeskTelemetry.ActivitySource.StartActivity($"gateway {operation}", ActivityKind.Client);
        activity?.SetTag("paydesk.gateway.operation", operation);
        activity?.SetTag("paydesk.resource.id", resourceId.ToString());
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await call();
            outcome = outcomeOf(result);
            return result;
        }
        catch (Exception ex)
        {
            telemetry.GatewayErrors.Add(1, new KeyValuePair<string, object?>("operation", operation));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            activity?.SetTag("paydesk.gateway.outcome", outcome);
            telemetry.GatewayDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
