using Paydesk.Domain.Common;

namespace Paydesk.Domain.Payments;

/// <summary>Where a page of a user's payments starts: after this payment, newest first.</summary>
public readonly record struct PaymentPagePosition(DateTimeOffset CreatedAt, PaymentId Id);

public interface IPaymentRepository
{
    void Add(Payment payment);

    /// <summary>The payment with its refunds, tracked for changes.</summary>
    Task<Payment?> GetByIdAsync(PaymentId id, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> of the user's payments, newest first, after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<Payment>> ListByUserAsync(UserId userId, PaymentPagePosition? after, int count, CancellationToken cancellationToken);
}
