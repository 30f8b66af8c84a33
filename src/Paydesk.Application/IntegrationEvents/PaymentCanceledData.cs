namespace Paydesk.Application.IntegrationEvents;

/// <summary><c>payment.canceled</c>: the payment was canceled before capture; <see cref="Reason"/> is the caller's, or e.g. <c>authorization_expired</c>.</summary>
public sealed record PaymentCanceledData(Guid PaymentId, Guid UserId, long Amount, string Currency, string Reason, DateTimeOffset CanceledAt)
    : IPaymentEventData
{
    public static string EventType => "payment.canceled";

    public static int SchemaVersion => 1;
}
