using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;

namespace Paydesk.Domain.Payments;

public sealed record PaymentSucceeded(PaymentId PaymentId, UserId UserId, Money Amount, string GatewayReference, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record PaymentFailed(PaymentId PaymentId, UserId UserId, Money Amount, string FailureCode, string FailureMessage, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record PaymentRequiresAction(PaymentId PaymentId, UserId UserId, Money Amount, string GatewayReference, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A refund succeeded; carries the payment's totals after it.</summary>
public sealed record PaymentRefunded(
    PaymentId PaymentId,
    UserId UserId,
    RefundId RefundId,
    Money RefundAmount,
    string? Reason,
    Money AmountRefunded,
    Money RemainingAmount,
    PaymentStatus Status,
    DateTimeOffset OccurredAt) : IDomainEvent;
