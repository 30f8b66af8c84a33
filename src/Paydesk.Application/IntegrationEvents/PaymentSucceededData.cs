namespace Paydesk.Application.IntegrationEvents;

/// <summary><c>payment.succeeded</c>: the gateway captured the payment. Amounts are in minor units.</summary>
public sealed record PaymentSucceededData(Guid PaymentId, Guid UserId, long Amount, string Currency, string GatewayReference, DateTimeOffset SucceededAt)
    : IPaymentEventData
{
    public static string EventType => "payment.succeeded";

    public static int SchemaVersion => 1;
}
