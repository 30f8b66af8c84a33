namespace Paydesk.Domain.Payments;

/// <summary>What applying a gateway outcome does when the payment's state machine does not allow it.</summary>
public enum OutcomeRule
{
    /// <summary>
    /// The answer to Paydesk's own call on a payment it just stored: nothing else can have settled
    /// it, so an outcome that does not fit is a bug and throws.
    /// </summary>
    Strict,

    /// <summary>
    /// A report that may come late, twice or out of order (a webhook, reconciliation, a retried
    /// commit): one that would move the payment backwards is ignored.
    /// </summary>
    IfAllowed,
}
