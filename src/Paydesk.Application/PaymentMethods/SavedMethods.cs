using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Users;

namespace Paydesk.Application.PaymentMethods;

/// <summary>
/// Records a method the gateway attached to a user's customer, whichever flow learnt of it (attach,
/// a setup's check, a setup's webhook): once, however often it is told. The caller commits.
/// </summary>
public sealed class SavedMethods(ISavedPaymentMethodRepository methods, TimeProvider clock)
{
    /// <summary>
    /// The saved method for <paramref name="attached"/>; the user's first method becomes the default,
    /// as does any when <paramref name="makeDefault"/> is true.
    /// </summary>
    /// <exception cref="UnprocessableException">The gateway has the method on another customer than the user's.</exception>
    public async Task<SavedPaymentMethod> RecordAsync(User user, GatewayPaymentMethod attached, bool? makeDefault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(attached);
        if (user.GatewayCustomerId is null || attached.CustomerId != user.GatewayCustomerId)
        {
            throw new UnprocessableException("payment_method_not_attached", $"Payment method {attached.Id} is not attached to the user's gateway customer.");
        }

        var method = await methods.GetByIdAsync(attached.Id, cancellationToken);
        if (method is null)
        {
            method = SavedPaymentMethod.Save(attached.Id, user.Id, attached.Card, clock.GetUtcNow());
            methods.Add(method);
        }
        else if (method.UserId != user.Id)
        {
            throw new UnprocessableException("payment_method_not_owned", $"Payment method {attached.Id} belongs to another user.");
        }

        if (!method.IsDetached && (makeDefault ?? user.DefaultPaymentMethodId is null))
        {
            user.MakeDefault(method);
        }

        return method;
    }
}
