namespace Paydesk.Application.IntegrationEvents;

/// <summary>
/// <c>payment.dispute_opened</c>: the customer disputed the payment with their bank (or the bank
/// made an inquiry, status <c>warning_needs_response</c>). Amounts are in minor units.
/// </summary>
/// <param name="Status">Stripe's dispute status when Paydesk learnt of it, e.g. <c>needs_response</c>.</param>
/// <param name="EvidenceDueBy">By when evidence must be submitted; null when the gateway gave no date.</param>
public sealed record PaymentDisputeOpenedData(
    Guid PaymentId,
    Guid UserId,
    string DisputeId,
    long Amount,
    string Currency,
    string Reason,
    string Status,
    DateTimeOffset? EvidenceDueBy,
    DateTimeOffset OpenedAt) : IPaymentEventData
{
    public static string EventType => "payment.dispute_opened";

    public static int SchemaVersion => 1;
}
