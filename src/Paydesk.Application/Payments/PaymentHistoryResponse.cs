namespace Paydesk.Application.Payments;

/// <summary>
/// One state change of a payment or of one of its refunds or disputes, as callers see it.
/// <see cref="Amount"/> is in minor units of <see cref="Currency"/>, set where the change moved or
/// held money (the charge, the authorization, the capture, a refund, a dispute).
/// </summary>
/// <param name="SubjectType"><c>payment</c>, <c>refund</c> or <c>dispute</c>.</param>
/// <param name="Subject"><c>payment</c>, the refund's id, or the dispute's id (<c>du_…</c>).</param>
/// <param name="From">The status before; null when the change created the subject.</param>
/// <param name="Cause"><c>api</c>, <c>webhook</c>, <c>reconciliation</c>, <c>dashboard</c> or <c>system</c>.</param>
/// <param name="Actor">The API key's name, the operator's name or the gateway event's id; null when the cause has none.</param>
public sealed record PaymentHistoryEntryResponse(
    DateTimeOffset At,
    string SubjectType,
    string Subject,
    string? From,
    string To,
    string Cause,
    string? Actor,
    long? Amount,
    string? Currency);

/// <summary>A payment's history, oldest first.</summary>
public sealed record PaymentHistory(IReadOnlyList<PaymentHistoryEntryResponse> Data);
