using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <summary>
/// A dispute of a payment as callers see it. Amounts are minor units of <see cref="Currency"/>;
/// <see cref="Status"/> is Stripe's (<c>needs_response</c>, <c>under_review</c>, <c>won</c>, <c>lost</c>,
/// or for an inquiry <c>warning_needs_response</c>, <c>warning_under_review</c>, <c>warning_closed</c>).
/// </summary>
public sealed record DisputeResponse(
    string Id,
    Guid PaymentId,
    long Amount,
    string Currency,
    string Reason,
    string Status,
    DateTimeOffset? EvidenceDueBy,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    long FundsWithdrawn,
    long FundsReinstated)
{
    public static DisputeResponse From(Dispute dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return new(
            dispute.GatewayId,
            dispute.PaymentId.Value,
            dispute.Amount,
            dispute.Currency.Code,
            dispute.Reason,
            dispute.Status,
            dispute.EvidenceDueBy,
            dispute.OpenedAt,
            dispute.ClosedAt,
            dispute.FundsWithdrawn,
            dispute.FundsReinstated);
    }

    /// <summary>The payment's disputes, oldest first.</summary>
    public static IReadOnlyList<DisputeResponse> ListOf(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return [.. payment.Disputes.OrderBy(d => d.OpenedAt).ThenBy(d => d.GatewayId, StringComparer.Ordinal).Select(From)];
    }
}

/// <summary>A payment's disputes, oldest first.</summary>
public sealed record DisputeList(IReadOnlyList<DisputeResponse> Data);
