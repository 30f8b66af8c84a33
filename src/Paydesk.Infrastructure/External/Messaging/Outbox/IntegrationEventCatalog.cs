using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Infrastructure.External.Messaging.Outbox;

/// <summary>An integration event before it is wrapped in its CloudEvents envelope.</summary>
internal sealed record IntegrationEventContent(string EventType, int SchemaVersion, string Subject, DateTimeOffset Time, object Data)
{
    public static IntegrationEventContent Of<TData>(string subject, DateTimeOffset time, TData data)
        where TData : IIntegrationEventData =>
        new(TData.EventType, TData.SchemaVersion, subject, time, data!);
}

/// <summary>
/// Which domain events leave Paydesk, and as which integration event. The contracts themselves
/// (records, type names, schema versions) are in Application's <c>IntegrationEvents</c>, shared with
/// Paydesk's handlers.
/// </summary>
internal static class IntegrationEventCatalog
{
    public const string TypePrefix = "com.paydesk.";

    public static IntegrationEventContent? ToIntegrationEvent(IDomainEvent domainEvent) => domainEvent switch
    {
        UserRegistered e => IntegrationEventContent.Of(e.UserId.ToString(), e.OccurredAt,
            new UserRegisteredData(e.UserId.Value, e.Email.Value, e.Name, e.OccurredAt)),
        PaymentSucceeded e => IntegrationEventContent.Of(e.PaymentId.ToString(), e.OccurredAt,
            new PaymentSucceededData(e.PaymentId.Value, e.UserId.Value, e.Amount.MinorUnits, e.Amount.Currency.Code, e.GatewayReference, e.OccurredAt)),
        PaymentFailed e => IntegrationEventContent.Of(e.PaymentId.ToString(), e.OccurredAt,
            new PaymentFailedData(e.PaymentId.Value, e.UserId.Value, e.Amount.MinorUnits, e.Amount.Currency.Code, e.FailureCode, e.FailureMessage, e.OccurredAt)),
        PaymentRequiresAction e => IntegrationEventContent.Of(e.PaymentId.ToString(), e.OccurredAt,
            new PaymentRequiresActionData(e.PaymentId.Value, e.UserId.Value, e.Amount.MinorUnits, e.Amount.Currency.Code, e.GatewayReference, e.OccurredAt)),
        PaymentRefunded e => IntegrationEventContent.Of(e.PaymentId.ToString(), e.OccurredAt,
            new PaymentRefundedData(
                e.PaymentId.Value, e.UserId.Value, e.RefundAmount.Currency.Code,
                new RefundData(e.RefundId.Value, e.RefundAmount.MinorUnits, e.Reason),
                e.AmountRefunded.MinorUnits, e.RemainingAmount.MinorUnits, e.Status.ToName(), e.OccurredAt)),
        PaymentAuthorized e => IntegrationEventContent.Of(e.PaymentId.ToString(), e.OccurredAt,
            new PaymentAuthorizedData(e.PaymentId.Value, e.UserId.Value, e.Amount.MinorUnits, e.Amount.Currency.Code, e.GatewayReference, e.CaptureBefore, e.OccurredAt)),
        PaymentCaptured e => IntegrationEventContent.Of(e.PaymentId.ToString(), e.OccurredAt,
            new PaymentCapturedData(e.PaymentId.Value, e.UserId.Value, e.Amount.MinorUnits, e.AmountReleased.MinorUnits, e.Amount.Currency.Code, e.GatewayReference, e.OccurredAt)),
        PaymentCanceled e => IntegrationEventContent.Of(e.PaymentId.ToString(), e.OccurredAt,
            new PaymentCanceledData(e.PaymentId.Value, e.UserId.Value, e.Amount.MinorUnits, e.Amount.Currency.Code, e.Reason, e.OccurredAt)),
        PaymentDisputeOpened e => IntegrationEventContent.Of(e.PaymentId.ToString(), e.OccurredAt,
            new PaymentDisputeOpenedData(
                e.PaymentId.Value, e.UserId.Value, e.DisputeId, e.Amount.MinorUnits, e.Amount.Currency.Code, e.Reason, e.Status, e.EvidenceDueBy, e.OccurredAt)),
        PaymentDisputeClosed e => IntegrationEventContent.Of(e.PaymentId.ToString(), e.OccurredAt,
            new PaymentDisputeClosedData(e.PaymentId.Value, e.UserId.Value, e.DisputeId, e.Amount.MinorUnits, e.Amount.Currency.Code, e.Outcome, e.OccurredAt)),
        _ => null,
    };

    public static string CloudEventType(string eventType) => TypePrefix + eventType;

    /// <summary>The short type of a CloudEvents type: <c>com.paydesk.user.registered</c> is <c>user.registered</c>.</summary>
    public static string ShortType(string cloudEventType) =>
        cloudEventType.StartsWith(TypePrefix, StringComparison.Ordinal) ? cloudEventType[TypePrefix.Length..] : cloudEventType;

    public static Uri DataSchema(string eventType, int version) => new($"urn:paydesk:events:{eventType}:v{version}");
}
