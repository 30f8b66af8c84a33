using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Infrastructure.External.Messaging.Outbox;

/// <summary>An integration event before it is wrapped in its CloudEvents envelope.</summary>
internal sealed record IntegrationEventContent(string EventType, int SchemaVersion, string Subject, DateTimeOffset Time, object Data);

/// <summary>
/// The public contract: which domain events leave Paydesk, under which type, with which data. Data
/// are plain records with camelCase JSON; a breaking change gets a new schema version.
/// </summary>
internal static class IntegrationEventCatalog
{
    public const string TypePrefix = "com.paydesk.";

    public static IntegrationEventContent? ToIntegrationEvent(IDomainEvent domainEvent) => domainEvent switch
    {
        UserRegistered e => new("user.registered", 1, e.UserId.ToString(), e.OccurredAt,
            new UserRegisteredData(e.UserId.Value, e.Email.Value, e.Name, e.OccurredAt)),
        PaymentSucceeded e => new("payment.succeeded", 1, e.PaymentId.ToString(), e.OccurredAt,
            new PaymentSucceededData(e.PaymentId.Value, e.UserId.Value, e.Amount.MinorUnits, e.Amount.Currency.Code, e.GatewayReference, e.OccurredAt)),
        PaymentFailed e => new("payment.failed", 1, e.PaymentId.ToString(), e.OccurredAt,
            new PaymentFailedData(e.PaymentId.Value, e.UserId.Value, e.Amount.MinorUnits, e.Amount.Currency.Code, e.FailureCode, e.FailureMessage, e.OccurredAt)),
        PaymentRequiresAction e => new("payment.requires_action", 1, e.PaymentId.ToString(), e.OccurredAt,
            new PaymentRequiresActionData(e.PaymentId.Value, e.UserId.Value, e.Amount.MinorUnits, e.Amount.Currency.Code, e.GatewayReference, e.OccurredAt)),
        PaymentRefunded e => new("payment.refunded", 1, e.PaymentId.ToString(), e.OccurredAt,
            new PaymentRefundedData(
                e.PaymentId.Value, e.UserId.Value, e.RefundAmount.Currency.Code,
                new RefundData(e.RefundId.Value, e.RefundAmount.MinorUnits, e.Reason),
                e.AmountRefunded.MinorUnits, e.RemainingAmount.MinorUnits, e.Status.ToName(), e.OccurredAt)),
        _ => null,
    };

    public static string CloudEventType(string eventType) => TypePrefix + eventType;

    public static Uri DataSchema(string eventType, int version) => new($"urn:paydesk:events:{eventType}:v{version}");
}

internal sealed record UserRegisteredData(Guid UserId, string Email, string Name, DateTimeOffset RegisteredAt);

internal sealed record PaymentSucceededData(Guid PaymentId, Guid UserId, long Amount, string Currency, string GatewayReference, DateTimeOffset SucceededAt);

internal sealed record PaymentFailedData(Guid PaymentId, Guid UserId, long Amount, string Currency, string FailureCode, string FailureMessage, DateTimeOffset FailedAt);

internal sealed record PaymentRequiresActionData(Guid PaymentId, Guid UserId, long Amount, string Currency, string GatewayReference, DateTimeOffset RequiredAt);

internal sealed record RefundData(Guid RefundId, long Amount, string? Reason);

internal sealed record PaymentRefundedData(
    Guid PaymentId,
    Guid UserId,
    string Currency,
    RefundData Refund,
    long AmountRefunded,
    long AmountRemaining,
    string Status,
    DateTimeOffset RefundedAt);
