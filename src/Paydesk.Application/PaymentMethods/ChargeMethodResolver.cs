using Paydesk.Application.Common;
using Paydesk.Application.Payments;
using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.PaymentMethods;

/// <summary>
/// Decides what a new charge is charged with: a one-off <c>source</c>, a saved method of the user,
/// or the user's default, and whether the payer is there to authenticate.
/// </summary>
public sealed class ChargeMethodResolver(IUserRepository users, ISavedPaymentMethodRepository methods)
{
    /// <summary>The charge method of <paramref name="command"/>, already validated; reads nothing for a one-off source.</summary>
    /// <exception cref="NotFoundException">A saved or default method was asked for a user who does not exist.</exception>
    /// <exception cref="UnprocessableException">The named method is not an attached method of the user, or the user has no default.</exception>
    public async Task<ChargeMethod> ResolveAsync(CreatePaymentCommand command, UserId userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var offSession = command.OffSession ?? true;
        var returnUrl = offSession ? null : command.ReturnUrl;
        if (command.Source is { Length: > 0 } source)
        {
            // A one-off method: the charge's commit checks the user, so this stays one round trip.
            return new ChargeMethod(source, GatewayCustomer: null, offSession, returnUrl);
        }

        var user = await users.GetByIdReadOnlyAsync(userId, cancellationToken)
            ?? throw new NotFoundException("user_not_found", $"No user has the id {userId}.");
        var saved = await SavedMethodAsync(command.PaymentMethodId, user, cancellationToken);
        return new ChargeMethod(saved.Id, user.GatewayCustomerId, offSession, returnUrl);
    }

    private async Task<SavedPaymentMethod> SavedMethodAsync(string? paymentMethodId, User user, CancellationToken cancellationToken)
    {
        if (paymentMethodId is { Length: > 0 })
        {
            var named = await methods.GetByIdReadOnlyAsync(paymentMethodId, cancellationToken);
            return named is not null && named.IsChargeableBy(user.Id)
                ? named
                : throw new UnprocessableException("payment_method_not_owned", $"Payment method {paymentMethodId} is not a saved payment method of user {user.Id}.");
        }

        var defaultId = user.DefaultPaymentMethodId
            ?? throw new UnprocessableException("no_payment_method", $"User {user.Id} has no default payment method: name a paymentMethodId or a source, or save a method first.");
        var byDefault = await methods.GetByIdReadOnlyAsync(defaultId, cancellationToken);
        return byDefault is not null && byDefault.IsChargeableBy(user.Id)
            ? byDefault
            : throw new UnprocessableException("no_payment_method", $"User {user.Id} has no default payment method that can be charged.");
    }
}
