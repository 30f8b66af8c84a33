using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Abstractions;

/// <summary>
/// The port to whatever moves the money. Every call carries the idempotency key that was stored
/// before it, so a retried call can never charge or refund twice. No vendor type crosses it.
/// </summary>
public interface IPaymentGateway
{
    /// <exception cref="PaymentGatewayUnavailableException">The gateway's answer is unknown.</exception>
    Task<GatewayChargeOutcome> ChargeAsync(GatewayChargeRequest request, CancellationToken cancellationToken);

    /// <exception cref="PaymentGatewayUnavailableException">The gateway's answer is unknown.</exception>
    Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken);

    /// <summary>What the gateway knows of the charge (by its reference, or by Paydesk's payment id when the answer was lost); null when it has no record.</summary>
    /// <exception cref="PaymentGatewayUnavailableException">The gateway could not be asked.</exception>
    Task<GatewayChargeOutcome?> LookUpChargeAsync(GatewayChargeRequest request, string? reference, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels a charge whose payer never completed authentication (its gateway <paramref name="reference"/>),
    /// under <see cref="GatewayChargeRequest.CancelIdempotencyKey"/>. Returns what became of the charge:
    /// failed with <see cref="GatewayChargeOutcome.AbandonedCode"/> when canceled, or the outcome it
    /// reached first (the payer authenticated just in time, say).
    /// </summary>
    /// <exception cref="PaymentGatewayUnavailableException">The gateway's answer is unknown.</exception>
    Task<GatewayChargeOutcome> CancelAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken);

    /// <summary>
    /// Captures <paramref name="amount"/> minor units of the authorized charge <paramref name="reference"/>
    /// (the rest is released), under <see cref="GatewayChargeRequest.CaptureIdempotencyKey"/>. Returns what
    /// became of the charge: succeeded with the amount received, or the outcome it reached first
    /// (canceled when the authorization lapsed, say).
    /// </summary>
    /// <exception cref="PaymentGatewayUnavailableException">The gateway's answer is unknown.</exception>
    Task<GatewayChargeOutcome> CaptureAsync(GatewayChargeRequest request, string reference, long amount, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels the charge <paramref name="reference"/> at the caller's request (an authorization
    /// released, or a charge still waiting for the payer), under <see cref="GatewayChargeRequest.CancelOnRequestIdempotencyKey"/>.
    /// Returns what became of the charge: canceled, or the outcome it reached first.
    /// </summary>
    /// <exception cref="PaymentGatewayUnavailableException">The gateway's answer is unknown.</exception>
    Task<GatewayChargeOutcome> CancelOnRequestAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken);

    /// <summary>What the gateway knows of the refund; null when it has no record.</summary>
    /// <exception cref="PaymentGatewayUnavailableException">The gateway could not be asked.</exception>
    Task<GatewayRefundOutcome?> LookUpRefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken);
}

public sealed record GatewayChargeRequest(
    PaymentId PaymentId,
    UserId UserId,
    Money Amount,
    ChargeMethod Method,
    string? Description,
    string IdempotencyKey,
    Metadata? Metadata = null)
{
    /// <summary>The charge of <paramref name="payment"/> as it was stored, so every call and look-up asks the same.</summary>
    public static GatewayChargeRequest For(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return new(payment.Id, payment.UserId, payment.Total, payment.Method, payment.Description, payment.IdempotencyKey, payment.Metadata) { Capture = payment.Capture };
    }

    /// <summary>Whether the charge takes the money at once or only authorizes it.</summary>
    public CaptureMethod Capture { get; init; }

    /// <summary>The key a capture of this charge is sent with: a charge is captured once, so it is derived from the payment.</summary>
    public string CaptureIdempotencyKey => $"capture_{PaymentId.Value:N}";

    /// <summary>The key a cancel the caller asked for is sent with; distinct from the abandoned-authentication cancel's.</summary>
    public string CancelOnRequestIdempotencyKey => $"void_{PaymentId.Value:N}";

    /// <summary>The key a cancel of this charge is sent with: derived from the payment, so every retry of it is the same request.</summary>
    public string CancelIdempotencyKey => $"cancel_{PaymentId.Value:N}";
}

public sealed record GatewayRefundRequest(
    RefundId RefundId,
    PaymentId PaymentId,
    string PaymentReference,
    Money Amount,
    string? Reason,
    string IdempotencyKey,
    Metadata? Metadata = null);

/// <summary>
/// The gateway could not be reached or its answer was lost: the money may or may not have moved.
/// The caller must keep the payment pending, never guess.
/// </summary>
public sealed class PaymentGatewayUnavailableException : Exception
{
    public PaymentGatewayUnavailableException()
        : base("The payment gateway did not answer.")
    {
    }

    public PaymentGatewayUnavailableException(string message)
        : base(message)
    {
    }

    public PaymentGatewayUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
