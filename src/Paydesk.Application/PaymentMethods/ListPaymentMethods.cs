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
        var user = await users.GetByIdReadOnlyAsync(new UserId(userId), cancellationToken)
            ?? throw new NotFoundException("user_not_found", $"No user has the id {userId}.");
        var saved = await methods.ListAttachedByUserAsync(user.Id, cancellationToken);
        return new PaymentMethodList([.. saved.Select(m => PaymentMethodResponse.From(m, user))]);
    }
}
