using System.Collections.Concurrent;
using Paydesk.Application.Abstractions;

namespace Paydesk.Infrastructure.External.PaymentGateway.Sandbox;

/// <summary>
/// An in-process gateway that answers like Stripe does for its test payment methods, so that the
/// default run needs no account and no network. Like Stripe it remembers idempotency keys: the
/// same key always gets the first answer.
/// </summary>
public sealed class SandboxPaymentGateway : IPaymentGateway
{
    private readonly ConcurrentDictionary<string, Lazy<GatewayChargeResult>> _charges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<GatewayRefundResult>> _refunds = new(StringComparer.Ordinal);
    private int _chargeCalls;
    private int _refundCalls;

    /// <summary>How many charge calls reached the sandbox, replays included. Tests use it to prove a repeat never reached the gateway.</summary>
    public int ChargeCalls => Volatile.Read(ref _chargeCalls);

    public int RefundCalls => Volatile.Read(ref _refundCalls);

    public Task<GatewayChargeResult> ChargeAsync(GatewayChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _chargeCalls);
        var result = _charges.GetOrAdd(request.IdempotencyKey, _ => new Lazy<GatewayChargeResult>(() => Charge(request.Source))).Value;
        return Task.FromResult(result);
    }

    public Task<GatewayRefundResult> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _refundCalls);
        var result = _refunds.GetOrAdd(request.IdempotencyKey, _ => new Lazy<GatewayRefundResult>(() =>
            string.IsNullOrEmpty(request.PaymentReference)
                ? new GatewayRefundResult(GatewayRefundStatus.Failed, null, "charge_not_found")
                : new GatewayRefundResult(GatewayRefundStatus.Succeeded, NewReference("re")))).Value;
        return Task.FromResult(result);
    }

    private static GatewayChargeResult Charge(string source) => source switch
    {
        SandboxPaymentMethods.Visa or SandboxPaymentMethods.Mastercard =>
            new(GatewayChargeStatus.Succeeded, NewReference("pi")),
        SandboxPaymentMethods.ChargeDeclined =>
            new(GatewayChargeStatus.Failed, NewReference("pi"), "card_declined", "Your card was declined."),
        SandboxPaymentMethods.InsufficientFunds =>
            new(GatewayChargeStatus.Failed, NewReference("pi"), "insufficient_funds", "Your card has insufficient funds."),
        SandboxPaymentMethods.ExpiredCard =>
            new(GatewayChargeStatus.Failed, NewReference("pi"), "expired_card", "Your card has expired."),
        SandboxPaymentMethods.AuthenticationRequired =>
            new(GatewayChargeStatus.RequiresAction, NewReference("pi")),
        _ => new(GatewayChargeStatus.Rejected, null, "invalid_payment_method", $"The sandbox does not know the payment method '{source}'. Use one of: {string.Join(", ", SandboxPaymentMethods.All)}."),
    };

    private static string NewReference(string prefix) => $"{prefix}_sandbox_{Guid.NewGuid():N}";
}
