using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;

namespace Paydesk.Domain.Payments;

/// <summary>
/// One state change the payment made to itself or to one of its refunds or disputes, kept until the
/// unit of work commits it as a history entry with the change. The entity knows what changed; who
/// caused it is the entry point's to say, so it is not here.
/// </summary>
/// <param name="Version">The payment's version right after the change; with <paramref name="Step"/> it orders the history.</param>
/// <param name="Step">The change's place among those the payment recorded since its last commit.</param>
/// <param name="Subject"><see cref="PaymentSubject"/>, a refund's id, or a dispute's gateway id.</param>
/// <param name="From">The status before; null when the subject was created by this change.</param>
/// <param name="Amount">Minor units of <paramref name="Currency"/> the change is about, when it moves or holds money.</param>
public sealed record PaymentTransition(
    PaymentId PaymentId,
    int Version,
    int Step,
    PaymentTransitionSubject SubjectType,
    string Subject,
    string? From,
    string To,
    long? Amount,
    Currency? Currency,
    DateTimeOffset At)
{
    /// <summary>The subject of a change of the payment itself.</summary>
    public const string PaymentSubject = "payment";
}
