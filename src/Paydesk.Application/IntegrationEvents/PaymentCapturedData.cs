namespace Paydesk.Application.IntegrationEvents;

/// <summary><c>payment.captured</c>: an authorization was captured; <see cref="Amount"/> was taken and <see cref="AmountReleased"/> released. Minor units.</summary>
public sealed record PaymentCapturedData(Guid PaymentId, Guid UserId, long Amount, long AmountReleased, string Currency, string GatewayReference, DateTimeOffset CapturedAt)
    : IPaymentEventData
{
    public static string EventType => "payment.captured";

    public static int SchemaVersion => 1;
}
