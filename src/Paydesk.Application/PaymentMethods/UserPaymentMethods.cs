using Paydesk.Application.Common;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Users;

namespace Paydesk.Application.PaymentMethods;

/// <summary>Finds a user's own attached method by the id a route names; anything else is not found.</summary>
internal static class UserPaymentMethods
{
    public static async Task<SavedPaymentMethod> GetAttachedAsync(this ISavedPaymentMethodRepository methods, User user, string? id, CancellationToken cancellationToken)
    {
        var method = SavedPaymentMethod.IsValidId(id) ? await methods.GetByIdAsync(id!, cancellationToken) : null;
        return method is not null && method.IsChargeableBy(user.Id)
            ? method
            : throw new NotFoundException("payment_method_not_found", $"User {user.Id} has no saved payment method with this id.");
    }
}
