using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Users;
using Paydesk.Application.Common;

namespace Paydesk.Application.PaymentMethods;

/// <summary>The user's saved methods that can still be charged, oldest first, with which one is the default.</summary>
public sealed class ListPaymentMethodsHandler(IUserRepository users, ISavedPaymentMethodRepository methods)
{
    public async Task<PaymentMethodList> HandleAsync(Guid userId, CancellationToken cancellationToken)
    {
        // The methods first, then the user: a method and the default it became are committed
        // together, so a method read is never shown without the default set with it.
        var saved = await methods.ListAttachedByUserAsync(new UserId(userId), cancellationToken);
        var user = await users.GetByIdReadOnlyAsync(new UserId(userId), cancellationToken)
            ?? throw new NotFoundException("user_not_found", $"No user has the id {userId}.");
        return new PaymentMethodList([.. saved.Select(m => PaymentMethodResponse.From(m, user))]);
    }
}
