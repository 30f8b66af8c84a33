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

/// <summary>A manual-capture charge was authorized; the money is held until <paramref name="CaptureBefore"/> (when known).</summary>
public sealed record PaymentAuthorized(PaymentId PaymentId, UserId UserId, Money Amount, string GatewayReference, DateTimeOffset? CaptureBefore, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>An authorization was captured: <paramref name="Amount"/> taken, <paramref name="AmountReleased"/> released.</summary>
public sealed record PaymentCaptured(PaymentId PaymentId, UserId UserId, Money Amount, Money AmountReleased, string GatewayReference, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A payment was canceled before capture; <paramref name="Reason"/> is e.g. <c>authorization_expired</c>.</summary>
public sealed record PaymentCanceled(PaymentId PaymentId, UserId UserId, Money Amount, string Reason, DateTimeOffset OccurredAt) : IDomainEvent;
