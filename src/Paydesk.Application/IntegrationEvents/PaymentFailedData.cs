namespace Paydesk.Application.IntegrationEvents;

/// <summary><c>payment.failed</c>: the gateway declined the payment. Amounts are in minor units.</summary>
public sealed record PaymentFailedData(Guid PaymentId, Guid UserId, long Amount, string Currency, string FailureCode, string FailureMessage, DateTimeOffset FailedAt)
    : IPaymentEventData
{
    public static string EventType => "payment.failed";

    public static int SchemaVersion => 1;
}
