namespace Paydesk.Application.IntegrationEvents;

/// <summary><c>payment.requires_action</c>: the customer must act (3-D Secure, say) before the payment can complete.</summary>
public sealed record PaymentRequiresActionData(Guid PaymentId, Guid UserId, long Amount, string Currency, string GatewayReference, DateTimeOffset RequiredAt)
    : IPaymentEventData
{
    public static string EventType => "payment.requires_action";

    public static int SchemaVersion => 1;
}
