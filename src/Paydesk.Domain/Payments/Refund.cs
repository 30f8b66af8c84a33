using Paydesk.Domain.Common;

namespace Paydesk.Domain.Payments;

/// <summary>A refund belongs to its payment; only the payment changes it.</summary>
public sealed class Refund
{
    public const int MaxReasonLength = 500;

    /// <summary>A pending refund of <paramref name="amount"/>, of which at most <paramref name="remaining"/> may be asked.</summary>
    internal static Refund Reserve(RefundId id, PaymentId paymentId, long amount, long remaining, string? reason, string idempotencyKey, DateTimeOffset now, Metadata metadata)
    {
        if (amount <= 0)
        {
            throw new InvalidValueException("invalid_amount", "The refund amount must be a positive whole number of minor units.");
        }

        if (amount > remaining)
        {
            throw new DomainException("refund_exceeds_remaining", $"The refund of {amount} exceeds the {remaining} minor units that remain refundable.");
        }

        if (reason is { Length: > MaxReasonLength })
        {
            throw new InvalidValueException("invalid_reason", $"The reason must be at most {MaxReasonLength} characters.");
        }

        return new Refund(id, paymentId, amount, reason, idempotencyKey, now) { Metadata = metadata };
    }

    private Refund(RefundId id, PaymentId paymentId, long amount, string? reason, string idempotencyKey, DateTimeOffset createdAt)
    {
        Id = id;
        PaymentId = paymentId;
        Amount = amount;
        Reason = reason;
        IdempotencyKey = idempotencyKey;
        Status = RefundStatus.Pending;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    private Refund()
    {
        IdempotencyKey = null!;
    }

    public RefundId Id { get; private set; }

    public PaymentId PaymentId { get; private set; }

    /// <summary>Minor units of the payment's currency.</summary>
    public long Amount { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>The caller's tags, fixed when the refund is asked for.</summary>
    public Metadata Metadata { get; private set; } = Metadata.Empty;

    public RefundStatus Status { get; private set; }

    public string? GatewayReference { get; private set; }

    public string? FailureCode { get; private set; }

    /// <summary>The key sent to the gateway, stored before the call so a retry reuses it.</summary>
    public string IdempotencyKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Counts against what can still be refunded: pending and succeeded refunds.</summary>
    public bool HoldsAmount => Status != RefundStatus.Failed;

    internal void Succeed(string gatewayReference, DateTimeOffset now)
    {
        EnsurePending();
        Status = RefundStatus.Succeeded;
        GatewayReference = gatewayReference;
        UpdatedAt = now;
    }

    internal void Fail(string? gatewayReference, string failureCode, DateTimeOffset now)
    {
        EnsurePending();
        Status = RefundStatus.Failed;
        GatewayReference = gatewayReference;
        FailureCode = failureCode;
        UpdatedAt = now;
    }

    private void EnsurePending()
    {
        if (Status != RefundStatus.Pending)
        {
            throw new DomainException("invalid_refund_state", $"The refund is already {Status.ToName()}.");
        }
    }
}
