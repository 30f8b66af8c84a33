using Paydesk.Domain.Common;

namespace Paydesk.Domain.Payments;

/// <summary>Where a page of payments starts: after this payment, newest first.</summary>
public readonly record struct PaymentPagePosition(DateTimeOffset CreatedAt, PaymentId Id);

public interface IPaymentRepository
{
    void Add(Payment payment);

    /// <summary>The payment with its refunds and disputes, tracked for changes.</summary>
    Task<Payment?> GetByIdAsync(PaymentId id, CancellationToken cancellationToken);

    /// <summary>The payment whose gateway reference (the PaymentIntent) is <paramref name="gatewayReference"/>, with its refunds and disputes, tracked.</summary>
    Task<Payment?> GetByGatewayReferenceAsync(string gatewayReference, CancellationToken cancellationToken);

    /// <summary>The payment with its refunds and disputes, to read only: changes made to it are never saved.</summary>
    Task<Payment?> GetByIdReadOnlyAsync(PaymentId id, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="count"/> payments that are pending or have a pending refund and are due a
    /// reconciliation check: booked for <paramref name="now"/> or earlier, or never checked and created
    /// by <paramref name="createdBy"/>. Tracked, with their refunds.
    /// </summary>
    Task<IReadOnlyList<Payment>> ListDueForReconciliationAsync(DateTimeOffset now, DateTimeOffset createdBy, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="count"/> payments whose metadata has <paramref name="key"/> equal to
    /// <paramref name="value"/> (both compared exactly), newest first, after <paramref name="after"/>; without their refunds.
    /// </summary>
    Task<IReadOnlyList<Payment>> ListByMetadataAsync(string key, string value, PaymentPagePosition? after, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="count"/> payments that match <paramref name="filter"/>, newest first
    /// (by creation time, then id), after <paramref name="after"/>; with their disputes, to read only.
    /// </summary>
    Task<IReadOnlyList<Payment>> SearchAsync(PaymentFilter filter, PaymentPagePosition? after, int count, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> of the user's payments, newest first, after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<Payment>> ListByUserAsync(UserId userId, PaymentPagePosition? after, int count, CancellationToken cancellationToken);
}
