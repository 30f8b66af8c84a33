using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Domain.Users;

namespace Paydesk.Application.PaymentMethods;

/// <summary>
/// What a setup webhook changes: a succeeded setup has its method saved for its user (found by the
/// setup's metadata, checked against its customer, or by the customer alone). Saving is idempotent,
/// so a duplicate, a late or an out-of-order event changes nothing more. A failed setup saved
/// nothing; the payer may try again with the same setup. The webhook's handler commits.
/// </summary>
public sealed partial class SaveSetupPaymentMethod(
    IUserRepository users,
    IPaymentMethodGateway gateway,
    SavedMethods savedMethods,
    ILogger<SaveSetupPaymentMethod> logger)
{
    public async Task ApplyAsync(GatewaySetupOutcome setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (!setup.Succeeded)
        {
            LogSetupFailed(logger, setup.SetupId, setup.FailureCode);
            return;
        }

        var user = await FindUserAsync(setup, cancellationToken);
        if (user is null || setup.PaymentMethod is null)
        {
            // Not one of Paydesk's setups (another integration on the same account): nothing to do.
            return;
        }

        var attached = await gateway.GetPaymentMethodAsync(setup.PaymentMethod, cancellationToken);
        if (attached is null || attached.CustomerId != user.GatewayCustomerId)
        {
            // Detached since (or never attached to this customer): there is nothing to save.
            LogNotAttached(logger, setup.SetupId, setup.PaymentMethod);
            return;
        }

        await savedMethods.RecordAsync(user, attached, makeDefault: null, cancellationToken);
    }

    private async Task<User?> FindUserAsync(GatewaySetupOutcome setup, CancellationToken cancellationToken)
    {
        if (setup.UserId is { } userId)
        {
            var named = await users.GetByIdAsync(new UserId(userId), cancellationToken);
            return named is not null && named.GatewayCustomerId is not null && named.GatewayCustomerId == setup.CustomerId ? named : null;
        }

        return setup.CustomerId is { Length: > 0 } customerId
            ? await users.GetByGatewayCustomerIdAsync(customerId, cancellationToken)
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Setup {SetupId} failed ({FailureCode}); no payment method was saved")]
    private static partial void LogSetupFailed(ILogger logger, string setupId, string? failureCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Setup {SetupId} succeeded but its payment method {PaymentMethod} is no longer attached to the user's customer; nothing was saved")]
    private static partial void LogNotAttached(ILogger logger, string setupId, string paymentMethod);
}
