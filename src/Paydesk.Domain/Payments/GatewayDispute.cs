namespace Paydesk.Domain.Payments;

/// <summary>
/// A dispute as the gateway's latest word shows it: its own status, and the funds its balance
/// transactions moved (withdrawn and reinstated, each a positive number of minor units).
/// </summary>
public sealed record GatewayDispute(
    string GatewayId,
    long Amount,
    string Currency,
    string Reason,
    string Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset? EvidenceDueBy,
    long FundsWithdrawn,
    long FundsReinstated);
