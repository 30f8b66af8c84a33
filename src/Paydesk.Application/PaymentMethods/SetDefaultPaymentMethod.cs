using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;

namespace Paydesk.Application.PaymentMethods;

/// <summary>Makes one of the user's saved methods the one charged when a payment names none.</summary>
public sealed class SetDefaultPaymentMethodHandler(
    GatewayCustomers customers,
    ISavedPaymentMethodRepository methods,
    IUnitOfWork unitOfWork)
{
    public async Task<PaymentMethodResponse> HandleAsync(Guid userId, string paymentMethodId, CancellationToken cancellationToken)
    {
        var user = await customers.GetAsync(new UserId(userId), cancellationToken);
        var method = await methods.GetAttachedAsync(user, paymentMethodId, cancellationToken);
        user.MakeDefault(method);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return PaymentMethodResponse.From(method, user);
    }
}
