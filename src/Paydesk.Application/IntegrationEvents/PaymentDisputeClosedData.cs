namespace Paydesk.Application.IntegrationEvents;

/// <summary><c>payment.dispute_closed</c>: a dispute of the payment closed. Amounts are in minor units.</summary>
/// <param name="Outcome"><c>won</c> (the funds come back), <c>lost</c> (they stay withdrawn) or, for an inquiry, <c>warning_closed</c>.</param>
public sealed record PaymentDisputeClosedData(
    Guid PaymentId,
    Guid UserId,
    string DisputeId,
    long Amount,
    string Currency,
    string Outcome,
    DateTimeOffset ClosedAt) : IPaymentEventData
{
    public static string EventType => "payment.dispute_closed";

    public static int SchemaVersion => 1;
}
