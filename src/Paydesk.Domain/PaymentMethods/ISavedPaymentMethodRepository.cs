using Paydesk.Domain.Common;

namespace Paydesk.Domain.PaymentMethods;

public interface ISavedPaymentMethodRepository
{
    void Add(SavedPaymentMethod method);

    /// <summary>The method with this gateway id, whoever it belongs to, tracked for changes.</summary>
    Task<SavedPaymentMethod?> GetByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>The method with this gateway id, whoever it belongs to, to read only.</summary>
    Task<SavedPaymentMethod?> GetByIdReadOnlyAsync(string id, CancellationToken cancellationToken);

    /// <summary>The user's methods that are still attached, oldest first.</summary>
    Task<IReadOnlyList<SavedPaymentMethod>> ListAttachedByUserAsync(UserId userId, CancellationToken cancellationToken);
}
