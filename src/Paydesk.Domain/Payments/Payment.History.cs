namespace Paydesk.Domain.Payments;

/// <summary>The state changes the payment made since its last commit, collected like its domain events.</summary>
public sealed partial class Payment
{
    private readonly List<PaymentTransition> _transitions = [];

    /// <summary>Changes of status made since the last commit, oldest first; the unit of work writes them as history.</summary>
    public IReadOnlyList<PaymentTransition> Transitions => _transitions;

    public void ClearTransitions() => _transitions.Clear();

    // Called after the change (and its Touch), so the version and time are the change's own.
    private void RecordPaymentTransition(PaymentStatus? from, long? amount) =>
        Record(PaymentTransitionSubject.Payment, PaymentTransition.PaymentSubject, from?.ToName(), Status.ToName(), amount, UpdatedAt);

    private void RecordRefundTransition(Refund refund, RefundStatus? from, long? amount) =>
        Record(PaymentTransitionSubject.Refund, refund.Id.Value.ToString(), from?.ToName(), refund.Status.ToName(), amount, refund.UpdatedAt);

    private void RecordDisputeTransition(Dispute dispute, string? from) =>
        Record(PaymentTransitionSubject.Dispute, dispute.GatewayId, from, dispute.Status, dispute.Amount, dispute.UpdatedAt);

    private void Record(PaymentTransitionSubject type, string subject, string? from, string to, long? amount, DateTimeOffset at) =>
        _transitions.Add(new PaymentTransition(Id, Version, _transitions.Count, type, subject, from, to, amount, amount is null ? null : Currency, at));
}
