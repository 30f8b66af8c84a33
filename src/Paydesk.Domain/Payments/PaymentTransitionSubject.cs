namespace Paydesk.Domain.Payments;

/// <summary>What a <see cref="PaymentTransition"/> changed: the payment, one of its refunds, or one of its disputes.</summary>
public enum PaymentTransitionSubject
{
    Payment,
    Refund,
    Dispute,
}
