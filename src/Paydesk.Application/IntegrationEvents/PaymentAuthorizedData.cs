namespace Paydesk.Application.IntegrationEvents;

/// <summary>
/// <c>payment.authorized</c>: a manual-capture payment was authorized; the amount is held on the card
/// until captured, canceled, or <see cref="CaptureBefore"/> (when the gateway said). Amounts are in minor units.
/// </summary>
public sealed record PaymentAuthorizedData(Guid PaymentId, Guid UserId, long Amount, string Currency, string GatewayReference, DateTimeOffset? CaptureBefore, DateTimeOffset AuthorizedAt)
    : IPaymentEventData
{
    public static string EventType => "payment.authorized";

    public static int SchemaVersion => 1;
}
