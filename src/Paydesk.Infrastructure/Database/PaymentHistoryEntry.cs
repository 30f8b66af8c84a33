using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.Database;

/// <summary>
/// One row of a payment's append-only history: a <see cref="PaymentTransition"/> with the
/// <see cref="ChangeOrigin"/> of the scope that committed it. Only ever added, in the commit of the
/// change it records; nothing updates or deletes it (see docs/decisions/0012-payment-history.md).
/// </summary>
internal sealed class PaymentHistoryEntry
{
    public const int MaxSubjectLength = 255;
    public const int MaxStatusLength = 32;

    public required PaymentId PaymentId { get; init; }

    /// <summary>The payment's version right after the change; with <see cref="Step"/>, the entry's key and order.</summary>
    public required int Version { get; init; }

    public required int Step { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary><c>payment</c>, <c>refund</c> or <c>dispute</c>.</summary>
    public required string SubjectType { get; init; }

    public required string Subject { get; init; }

    public string? FromStatus { get; init; }

    public required string ToStatus { get; init; }

    /// <summary>One of the <see cref="ChangeCause"/> names.</summary>
    public required string Cause { get; init; }

    public string? Actor { get; init; }

    public long? Amount { get; init; }

    public string? Currency { get; init; }

    public static PaymentHistoryEntry Of(PaymentTransition transition, ChangeOrigin origin) => new()
    {
        PaymentId = transition.PaymentId,
        Version = transition.Version,
        Step = transition.Step,
        At = Timestamps.Normalize(transition.At),
        SubjectType = SubjectTypeName(transition.SubjectType),
        Subject = transition.Subject,
        FromStatus = transition.From,
        ToStatus = transition.To,
        Cause = origin.Cause.ToName(),
        Actor = origin.Actor,
        Amount = transition.Amount,
        Currency = transition.Currency?.Code,
    };

    private static string SubjectTypeName(PaymentTransitionSubject type) => type switch
    {
        PaymentTransitionSubject.Payment => "payment",
        PaymentTransitionSubject.Refund => "refund",
        PaymentTransitionSubject.Dispute => "dispute",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
