using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;

namespace Paydesk.Application.PaymentMethods;

/// <summary>
/// Removes a saved method: detached at the gateway first (so it can never be charged there again),
/// then recorded as detached; if it was the default, the user has none until another is made so.
/// </summary>
public sealed class DetachPaymentMethodHandler(
    GatewayCustomers customers,
    ISavedPaymentMethodRepository methods,
    IPaymentMethodGateway gateway,
    IUnitOfWork unitOfWork,
    TimeProvider clock)
{
    public async Task HandleAsync(Guid userId, string paymentMethodId, CancellationToken cancellationToken)
    {
        var user = await customers.GetAsync(new UserId(userId), cancellationToken);
        var method = await methods.GetAttachedAsync(user, paymentMethodId, cancellationToken);
        await gateway.DetachAsync(method.Id, cancellationToken);
        user.Detach(method, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
    }
}
