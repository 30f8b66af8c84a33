namespace Paydesk.Application.IntegrationEvents;

/// <summary><c>payment.refunded</c>: one refund of the payment succeeded. Amounts are in minor units.</summary>
/// <param name="Status">The payment's status after the refund, by its name.</param>
public sealed record PaymentRefundedData(
    Guid PaymentId,
    Guid UserId,
    string Currency,
    RefundData Refund,
    long AmountRefunded,
    long AmountRemaining,
    string Status,
    DateTimeOffset RefundedAt) : IPaymentEventData
{
    public static string EventType => "payment.refunded";

    public static int SchemaVersion => 1;
}
