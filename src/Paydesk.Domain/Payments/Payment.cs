using Paydesk.Domain.Common;
using Paydesk.Domain.Amounts;

namespace Paydesk.Domain.Payments;

/// <summary>
/// A charge of one user through the gateway, and the refunds against it. The payment is the only
/// way to change its status or its refunds, so every rule about money lives here.
/// </summary>
public sealed class Payment : IHasDomainEvents
{
    public const int MaxDescriptionLength = 1000;
    public const int MaxFailureMessageLength = 500;

    private readonly List<Refund> _refunds = [];
    private readonly DomainEventList _events = new();

    private Payment(PaymentId id, UserId userId, Money amount, string source, string? description, string idempotencyKey, DateTimeOffset now)
    {
        Id = id;
        UserId = userId;
        Amount = amount.MinorUnits;
        Currency = amount.Currency;
        Source = source;
        Description = description;
        IdempotencyKey = idempotencyKey;
        Status = PaymentStatus.Pending;
        CreatedAt = now;
        UpdatedAt = now;
    }

    private Payment()
    {
        Currency = null!;
        Source = null!;
        IdempotencyKey = null!;
    }

    public PaymentId Id { get; private set; }

    public UserId UserId { get; private set; }

    /// <summary>Minor units of <see cref="Currency"/>.</summary>
    public long Amount { get; private set; }

    public Currency Currency { get; private set; }

    /// <summary>The gateway's payment-method token; never card data.</summary>
    public string Source { get; private set; }

    public string? Description { get; private set; }

    public PaymentStatus Status { get; private set; }

    public string? GatewayReference { get; private set; }

    public string? FailureCode { get; private set; }

    public string? FailureMessage { get; private set; }

    /// <summary>Minor units refunded by the gateway so far.</summary>
    public long AmountRefunded { get; private set; }

    /// <summary>The key sent to the gateway, stored before the call so a retry reuses it.</summary>
    public string IdempotencyKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>How many times reconciliation has asked the gateway about this payment or its refunds.</summary>
    public int ReconcileAttempts { get; private set; }

    /// <summary>When reconciliation may next look at this payment; null until its first check.</summary>
    public DateTimeOffset? NextReconcileAt { get; private set; }

    /// <summary>Bumped by every change; the store uses it to refuse a lost update.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Refund> Refunds => _refunds;

    public IReadOnlyList<IDomainEvent> DomainEvents => _events.Events;

    public Money Total => new(Amount, Currency);

    /// <summary>What may still be refunded: the amount less refunds that succeeded or are under way.</summary>
    public long RefundableAmount => Amount - _refunds.Where(r => r.HoldsAmount).Sum(r => r.Amount);

    public static Payment Create(PaymentId id, UserId userId, Money amount, string source, string? description, string idempotencyKey, DateTimeOffset now)
    {
        Money.Positive(amount.MinorUnits, amount.Currency);
        if (!PaymentSource.IsValid(source))
        {
            throw new DomainException("invalid_source", "The source must be a payment-method token such as pm_card_visa.");
        }

        if (description is { Length: > MaxDescriptionLength })
        {
            throw new DomainException("invalid_description", $"The description must be at most {MaxDescriptionLength} characters.");
        }

        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        return new Payment(id, userId, amount, source, description, idempotencyKey, Timestamps.Normalize(now));
    }

    public void Succeed(string gatewayReference, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(gatewayReference);
        EnsureOutcomeOpen("succeed");
        Status = PaymentStatus.Succeeded;
        GatewayReference = gatewayReference;
        FailureCode = null;
        FailureMessage = null;
        Touch(now);
        _events.Raise(new PaymentSucceeded(Id, UserId, Total, gatewayReference, UpdatedAt));
    }

    public void Fail(string? gatewayReference, string failureCode, string failureMessage, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(failureCode);
        EnsureOutcomeOpen("fail");
        Status = PaymentStatus.Failed;
        GatewayReference = gatewayReference ?? GatewayReference;
        FailureCode = failureCode;
        FailureMessage = failureMessage.Length > MaxFailureMessageLength ? failureMessage[..MaxFailureMessageLength] : failureMessage;
        Touch(now);
        _events.Raise(new PaymentFailed(Id, UserId, Total, failureCode, FailureMessage, UpdatedAt));
    }

    public void RequireAction(string gatewayReference, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(gatewayReference);
        if (Status != PaymentStatus.Pending)
        {
            throw InvalidTransition("require action");
        }

        Status = PaymentStatus.RequiresAction;
        GatewayReference = gatewayReference;
        Touch(now);
        _events.Raise(new PaymentRequiresAction(Id, UserId, Total, gatewayReference, UpdatedAt));
    }

    /// <summary>
    /// Reserves <paramref name="amount"/> (all that remains when null) for a refund that the gateway
    /// is about to be asked for. The reservation holds until the refund succeeds or fails.
    /// </summary>
    public Refund RequestRefund(RefundId id, long? amount, string? reason, string idempotencyKey, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        if (Status is not (PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded))
        {
            throw new DomainException("payment_not_refundable", $"A {Status.ToName()} payment cannot be refunded; only succeeded or partially refunded payments can.");
        }

        var remaining = RefundableAmount;
        var requested = amount ?? remaining;
        if (remaining <= 0)
        {
            throw new DomainException("payment_not_refundable", "Nothing is left to refund: refunds for the whole amount succeeded or are under way.");
        }

        if (requested <= 0)
        {
            throw new DomainException("invalid_amount", "The refund amount must be a positive whole number of minor units.");
        }

        if (requested > remaining)
        {
            throw new DomainException("refund_exceeds_remaining", $"The refund of {requested} exceeds the {remaining} minor units that remain refundable.");
        }

        if (reason is { Length: > Refund.MaxReasonLength })
        {
            throw new DomainException("invalid_reason", $"The reason must be at most {Refund.MaxReasonLength} characters.");
        }

        var normalizedNow = Timestamps.Normalize(now);
        var refund = new Refund(id, Id, requested, reason, idempotencyKey, normalizedNow);
        _refunds.Add(refund);

        // A new pending refund gets reconciliation's full schedule of checks.
        ReconcileAttempts = 0;
        NextReconcileAt = null;
        Touch(normalizedNow);
        return refund;
    }

    public void CompleteRefund(RefundId refundId, string gatewayReference, DateTimeOffset now)
    {
        var refund = FindRefund(refundId);
        refund.Succeed(gatewayReference, Timestamps.Normalize(now));
        AmountRefunded += refund.Amount;
        Status = AmountRefunded >= Amount ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
        Touch(now);
        _events.Raise(new PaymentRefunded(
            Id, UserId, refund.Id, new Money(refund.Amount, Currency), refund.Reason,
            new Money(AmountRefunded, Currency), new Money(Amount - AmountRefunded, Currency), Status, UpdatedAt));
    }

    public void ClearDomainEvents() => _events.Clear();

    public void FailRefund(RefundId refundId, string? gatewayReference, string failureCode, DateTimeOffset now)
    {
        FindRefund(refundId).Fail(gatewayReference, failureCode, Timestamps.Normalize(now));
        Touch(now);
    }

    // What the gateway reports later (webhooks, reconciliation) is applied only where the state
    // machine allows: a report that arrives out of order and would move the payment backwards is
    // ignored. Each returns whether it changed anything.

    /// <summary>The gateway says the charge succeeded.</summary>
    public bool ApplyGatewaySucceeded(string gatewayReference, DateTimeOffset now)
    {
        if (!IsOutcomeOpen)
        {
            return false;
        }

        Succeed(gatewayReference, now);
        return true;
    }

    /// <summary>The gateway says the charge failed (declined, canceled, or unknown to it).</summary>
    public bool ApplyGatewayFailed(string? gatewayReference, string failureCode, string failureMessage, DateTimeOffset now)
    {
        if (!IsOutcomeOpen)
        {
            return false;
        }

        Fail(gatewayReference, failureCode, failureMessage, now);
        return true;
    }

    /// <summary>The gateway says the payer must act (e.g. 3-D Secure); only a pending payment can get there.</summary>
    public bool ApplyGatewayRequiresAction(string gatewayReference, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Pending)
        {
            return false;
        }

        RequireAction(gatewayReference, now);
        return true;
    }

    /// <summary>The gateway accepted the charge and settles it later: the payment stays pending, now with its reference.</summary>
    public bool ApplyGatewayProcessing(string gatewayReference, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(gatewayReference);
        if (Status != PaymentStatus.Pending || GatewayReference == gatewayReference)
        {
            return false;
        }

        GatewayReference = gatewayReference;
        Touch(now);
        return true;
    }

    /// <summary>The gateway says a refund succeeded; ignored unless that refund is still pending.</summary>
    public bool ApplyGatewayRefundSucceeded(RefundId refundId, string gatewayReference, DateTimeOffset now)
    {
        var refund = _refunds.SingleOrDefault(r => r.Id == refundId);
        if (refund is not { Status: RefundStatus.Pending })
        {
            return false;
        }

        CompleteRefund(refundId, gatewayReference, now);
        return true;
    }

    /// <summary>The gateway says a refund failed; ignored unless that refund is still pending.</summary>
    public bool ApplyGatewayRefundFailed(RefundId refundId, string? gatewayReference, string failureCode, DateTimeOffset now)
    {
        var refund = _refunds.SingleOrDefault(r => r.Id == refundId);
        if (refund is not { Status: RefundStatus.Pending })
        {
            return false;
        }

        FailRefund(refundId, gatewayReference, failureCode, now);
        return true;
    }

    /// <summary>
    /// Takes this payment for one reconciliation check and books the next. It bumps the version, so
    /// when two instances try at once only one commit wins: each check happens once.
    /// </summary>
    public void ClaimReconciliation(DateTimeOffset nextCheckAt)
    {
        ReconcileAttempts++;
        NextReconcileAt = Timestamps.Normalize(nextCheckAt);
        Version++;
    }

    private bool IsOutcomeOpen => Status is PaymentStatus.Pending or PaymentStatus.RequiresAction;

    private Refund FindRefund(RefundId refundId) =>
        _refunds.SingleOrDefault(r => r.Id == refundId)
        ?? throw new DomainException("refund_not_found", $"Refund {refundId} does not belong to payment {Id}.");

    // Only a payment whose outcome is still open may end; a succeeded, failed or refunded payment never
    // moves back, whatever order the gateway's answers arrive in.
    private void EnsureOutcomeOpen(string transition)
    {
        if (Status is not (PaymentStatus.Pending or PaymentStatus.RequiresAction))
        {
            throw InvalidTransition(transition);
        }
    }

    private DomainException InvalidTransition(string transition) =>
        new("invalid_payment_state", $"A {Status.ToName()} payment cannot {transition}.");

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = Timestamps.Normalize(now);
        Version++;
    }
}
