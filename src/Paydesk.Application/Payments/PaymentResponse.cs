using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <summary>A payment as callers see it. Amounts are minor units of <see cref="Currency"/>.</summary>
public sealed record PaymentResponse(
    Guid Id,
    Guid UserId,
    long Amount,
    string Currency,
    string Status,
    string Source,
    string? Description,
    string? GatewayReference,
    string? FailureCode,
    string? FailureMessage,
    long AmountRefunded,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PaymentResponse From(Payment payment) => new(
        payment.Id.Value,
        payment.UserId.Value,
        payment.Amount,
        payment.Currency.Code,
        payment.Status.ToName(),
        payment.Source,
        payment.Description,
        payment.GatewayReference,
        payment.FailureCode,
        payment.FailureMessage,
        payment.AmountRefunded,
        payment.CreatedAt,
        payment.UpdatedAt);
}

/// <summary>A refund as callers see it. The amount is minor units of <see cref="Currency"/>.</summary>
public sealed record RefundResponse(
    Guid Id,
    Guid PaymentId,
    long Amount,
    string Currency,
    string? Reason,
    string Status,
    string? GatewayReference,
    string? FailureCode,
    DateTimeOffset CreatedAt)
{
    public static RefundResponse From(Payment payment, Refund refund) => new(
        refund.Id.Value,
        payment.Id.Value,
        refund.Amount,
        payment.Currency.Code,
        refund.Reason,
        refund.Status.ToName(),
        refund.GatewayReference,
        refund.FailureCode,
        refund.CreatedAt);
}
