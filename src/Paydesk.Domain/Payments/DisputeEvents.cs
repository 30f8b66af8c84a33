using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;

namespace Paydesk.Domain.Payments;

/// <summary>A customer disputed the payment with their bank.</summary>
public sealed record PaymentDisputeOpened(
    PaymentId PaymentId, UserId UserId, string DisputeId, Money Amount, string Reason, string Status, DateTimeOffset? EvidenceDueBy, DateTimeOffset OccurredAt)
    : IDomainEvent;

/// <summary>A dispute closed; <see cref="Outcome"/> is <c>won</c>, <c>lost</c> or (an inquiry) <c>warning_closed</c>.</summary>
public sealed record PaymentDisputeClosed(PaymentId PaymentId, UserId UserId, string DisputeId, Money Amount, string Outcome, DateTimeOffset OccurredAt)
    : IDomainEvent;
