using Paydesk.Domain.Common;
using Paydesk.Domain.Amounts;

namespace Paydesk.Domain.Payments;

/// <summary>What a caller may ask of the payment: a capture, a cancel, a refund, and a refund's outcome.</summary>
public sealed partial class Payment
{
    /// <summary>
    /// Checks that <paramref name="amount"/> (all that is authorized when null) may be captured now
    /// and returns it; the gateway's answer then settles the payment through <see cref="Apply(GatewayChargeOutcome, DateTimeOffset, OutcomeRule)"/>.
    /// </summary>
    public long EnsureCapturable(long? amount)
    {
        if (Status != PaymentStatus.RequiresCapture)
        {
            throw new DomainException("payment_not_capturable", $"A {Status.ToName()} payment cannot be captured; only a requires_capture payment can.");
        }

        var capture = amount ?? AmountCapturable;
        if (capture <= 0)
        {
            throw new InvalidValueException("invalid_amount", "The amount to capture must be at least 1 minor unit.");
        }

        return capture <= AmountCapturable
            ? capture
            : throw new DomainException("capture_exceeds_authorized", $"At most {AmountCapturable} minor units are authorized; {capture} cannot be captured.");
    }

    /// <summary>
    /// Checks that the payment may be canceled now: no money is captured and the gateway knows the
    /// charge. A captured payment is refunded instead.
    /// </summary>
    public void EnsureCancelable()
    {
        var cancelable = Status is PaymentStatus.RequiresCapture or PaymentStatus.RequiresAction
            || (Status == PaymentStatus.Pending && GatewayReference is not null);
        if (!cancelable)
        {
            throw new DomainException(
                "payment_not_cancelable",
                Status is PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded
                    ? "The payment's money was captured: refund it instead."
                    : $"A {Status.ToName()} payment cannot be canceled.");
        }
    }

    /// <summary>
    /// Checks that the payment may be canceled and keeps the caller's <paramref name="reason"/>, which
    /// becomes the cancellation reason however the gateway's cancel arrives (its answer, or its
    /// webhook first, which knows only Stripe's own reason).
    /// </summary>
    public void RequestCancel(string? reason)
    {
        EnsureCancelable();
        if (reason is { Length: > 0 })
        {
            CancellationReason = Bounded(reason, MaxCancellationReasonLength);
        }
    }

    /// <summary>
    /// Reserves <paramref name="amount"/> (all that remains when null) for a refund that the gateway
    /// is about to be asked for. The reservation holds until the refund succeeds or fails.
    /// </summary>
    public Refund RequestRefund(RefundId id, long? amount, string? reason, string idempotencyKey, DateTimeOffset now, Metadata? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        if (Status is not (PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded))
        {
            throw new DomainException("payment_not_refundable", $"A {Status.ToName()} payment cannot be refunded; only succeeded or partially refunded payments can.");
        }

        var remaining = RefundableAmount;
        if (remaining <= 0)
        {
            throw new DomainException("payment_not_refundable", "Nothing is left to refund: refunds for the whole amount succeeded or are under way.");
        }

        var refund = Refund.Reserve(id, Id, amount ?? remaining, remaining, reason, idempotencyKey, Timestamps.Normalize(now), metadata ?? Metadata.Empty);
        _refunds.Add(refund);

        // A new pending refund gets reconciliation's full schedule of checks.
        ReconcileAttempts = 0;
        NextReconcileAt = null;
        Touch(now);
        RecordRefundTransition(refund, null, refund.Amount);
        return refund;
    }


    /// <summary>
    /// Applies what the gateway says became of one of this payment's refunds; <paramref name="rule"/>
    /// says what happens when that refund is no longer pending. Returns whether anything changed.
    /// </summary>
    public bool Apply(RefundId refundId, GatewayRefundOutcome outcome, DateTimeOffset now, OutcomeRule rule)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var refund = _refunds.SingleOrDefault(r => r.Id == refundId);
        if (rule == OutcomeRule.IfAllowed && refund is not { Status: RefundStatus.Pending })
        {
            return false;
        }

        if (refund is null)
        {
            throw new DomainException("refund_not_found", $"Refund {refundId} does not belong to payment {Id}.");
        }

        var normalizedNow = Timestamps.Normalize(now);
        switch (outcome.Status)
        {
            case GatewayRefundStatus.Succeeded:
                refund.Succeed(outcome.Reference!, normalizedNow);
                AmountRefunded += refund.Amount;
                var from = Status;
                Status = AmountRefunded >= Amount ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
                Touch(now);
                RecordRefundTransition(refund, RefundStatus.Pending, refund.Amount);
                RecordPaymentTransition(from, refund.Amount);
                _events.Raise(new PaymentRefunded(
                    Id, UserId, refund.Id, new Money(refund.Amount, Currency), refund.Reason,
                    new Money(AmountRefunded, Currency), new Money(Amount - AmountRefunded, Currency), Status, UpdatedAt));
                return true;
            case GatewayRefundStatus.Failed:
                refund.Fail(outcome.Reference, outcome.FailureCode!, normalizedNow);
                Touch(now);
                RecordRefundTransition(refund, RefundStatus.Pending, null);
                return true;
            default:
                return false;
        }
    }
}
