using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;

namespace Paydesk.Domain.Payments;

/// <summary>
/// A customer's dispute of a payment at their bank, as the gateway reports it. It belongs to its
/// payment; only the payment changes it. Every report carries the whole dispute, so each is merged
/// so that order does not matter: the status only moves forward, and the funds moved only grow.
/// </summary>
public sealed class Dispute
{
    public const int MaxGatewayIdLength = 255;
    public const int MaxReasonLength = 100;

    private Dispute(string gatewayId, PaymentId paymentId, long amount, Currency currency, string reason, DateTimeOffset openedAt)
    {
        GatewayId = gatewayId;
        PaymentId = paymentId;
        Amount = amount;
        Currency = currency;
        Reason = reason;
        Status = DisputeStatuses.WarningNeedsResponse;
        OpenedAt = openedAt;
        UpdatedAt = openedAt;
    }

    private Dispute()
    {
        GatewayId = null!;
        Currency = null!;
        Reason = null!;
        Status = null!;
    }

    /// <summary>The gateway's id (<c>du_…</c>); the dispute's key.</summary>
    public string GatewayId { get; private set; }

    public PaymentId PaymentId { get; private set; }

    /// <summary>Minor units of <see cref="Currency"/> disputed.</summary>
    public long Amount { get; private set; }

    public Currency Currency { get; private set; }

    /// <summary>The gateway's reason, e.g. <c>fraudulent</c>.</summary>
    public string Reason { get; private set; }

    /// <summary>One of <see cref="DisputeStatuses"/>.</summary>
    public string Status { get; private set; }

    /// <summary>By when evidence must be submitted; null when the gateway gave no date.</summary>
    public DateTimeOffset? EvidenceDueBy { get; private set; }

    /// <summary>When the gateway opened the dispute.</summary>
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>When Paydesk learnt that it closed; null while open.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Minor units the gateway took back from the balance for this dispute.</summary>
    public long FundsWithdrawn { get; private set; }

    public DateTimeOffset? FundsWithdrawnAt { get; private set; }

    /// <summary>Minor units the gateway gave back (a won dispute).</summary>
    public long FundsReinstated { get; private set; }

    public DateTimeOffset? FundsReinstatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsClosed => DisputeStatuses.IsClosed(Status);

    /// <summary>Counts against the payment: open disputes (not inquiries), and lost ones.</summary>
    public bool HoldsAmount => Status is DisputeStatuses.NeedsResponse or DisputeStatuses.UnderReview or DisputeStatuses.Lost;

    internal static Dispute Open(PaymentId paymentId, Currency paymentCurrency, GatewayDispute reported)
    {
        ArgumentNullException.ThrowIfNull(reported);
        ArgumentException.ThrowIfNullOrEmpty(reported.GatewayId);
        if (reported.GatewayId.Length > MaxGatewayIdLength || !DisputeStatuses.IsKnown(reported.Status) || reported.Amount <= 0)
        {
            throw new InvalidValueException("invalid_dispute", "The gateway's dispute has no usable id, status or amount.");
        }

        if (!string.Equals(reported.Currency, paymentCurrency.Code, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidValueException("invalid_dispute", "The dispute's currency differs from its payment's.");
        }

        var reason = string.IsNullOrEmpty(reported.Reason) ? "general" : reported.Reason;
        return new Dispute(
            reported.GatewayId, paymentId, reported.Amount, paymentCurrency,
            reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason, Timestamps.Normalize(reported.OpenedAt));
    }

    /// <summary>Merges a report into the dispute; returns whether anything changed, and whether it closed just now.</summary>
    internal (bool Changed, bool ClosedNow) Merge(GatewayDispute reported, DateTimeOffset now)
    {
        var changed = false;
        var wasClosed = IsClosed;
        if (DisputeStatuses.Rank(reported.Status) > DisputeStatuses.Rank(Status))
        {
            Status = reported.Status;
            ClosedAt = IsClosed ? now : null;
            changed = true;
        }

        // The due date may be extended while the dispute is open; a late report of an older date is not.
        if (reported.EvidenceDueBy is { } due && (EvidenceDueBy is null || Timestamps.Normalize(due) > EvidenceDueBy))
        {
            EvidenceDueBy = Timestamps.Normalize(due);
            changed = true;
        }

        if (reported.FundsWithdrawn > FundsWithdrawn)
        {
            (FundsWithdrawn, FundsWithdrawnAt) = (reported.FundsWithdrawn, FundsWithdrawnAt ?? now);
            changed = true;
        }

        if (reported.FundsReinstated > FundsReinstated)
        {
            (FundsReinstated, FundsReinstatedAt) = (reported.FundsReinstated, FundsReinstatedAt ?? now);
            changed = true;
        }

        if (changed)
        {
            UpdatedAt = now;
        }

        return (changed, !wasClosed && IsClosed);
    }
}
