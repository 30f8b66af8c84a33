using System.Security.Cryptography;
using System.Text;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Common;

namespace Paydesk.Application.PaymentMethods;

/// <summary>
/// Starts saving a card: a gateway setup for off-session use, on the user's customer (created now if
/// this is the first flow that needs it), for the company's frontend to confirm with the payer.
/// </summary>
public sealed class CreatePaymentMethodSetupHandler(GatewayCustomers customers, IPaymentMethodGateway gateway)
{
    /// <param name="idempotency">The caller's optional key: a repeat with it answers the same setup.</param>
    public async Task<PaymentMethodSetupResponse> HandleAsync(Guid userId, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idempotency);
        var user = await customers.EnsureAsync(new UserId(userId), cancellationToken);
        var setup = await gateway.CreateSetupAsync(
            new GatewaySetupRequest(user.Id, user.GatewayCustomerId!, KeyFor(user.Id, idempotency)),
            cancellationToken);
        return new PaymentMethodSetupResponse(setup.Id, setup.ClientSecret, setup.Status);
    }

    /// <summary>
    /// The gateway key: derived from the caller's key when there is one (so a retried request gets the
    /// same setup), otherwise new for this request (a setup moves no money; an unused one expires).
    /// </summary>
    internal static string KeyFor(UserId userId, IdempotencyContext idempotency)
    {
        if (string.IsNullOrEmpty(idempotency.Key))
        {
            return $"setup_{userId.Value:N}_{Guid.NewGuid():N}";
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{idempotency.Scope}\n{idempotency.Key}"));
        return $"setup_{userId.Value:N}_{Convert.ToHexStringLower(hash)[..32]}";
    }
}
