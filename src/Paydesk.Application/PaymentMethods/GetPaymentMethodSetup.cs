using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Common;

namespace Paydesk.Application.PaymentMethods;

/// <summary>
/// A setup as the gateway has it now (the synchronous check): a setup that succeeded has its method
/// saved for the user here, as the <c>setup_intent.succeeded</c> webhook would.
/// </summary>
public sealed class GetPaymentMethodSetupHandler(
    GatewayCustomers customers,
    IPaymentMethodGateway gateway,
    SavedMethods savedMethods,
    IUnitOfWork unitOfWork)
{
    public async Task<PaymentMethodSetupResponse> HandleAsync(Guid userId, string setupId, CancellationToken cancellationToken)
    {
        var user = await customers.GetAsync(new UserId(userId), cancellationToken);
        var setup = IsSetupId(setupId) && user.GatewayCustomerId is { } customerId
            ? await gateway.GetSetupAsync(setupId, cancellationToken)
            : null;

        // Another user's setup is answered as unknown: its client secret is not this caller's.
        if (setup is null || setup.CustomerId != user.GatewayCustomerId)
        {
            throw new NotFoundException("setup_not_found", $"User {userId} has no payment-method setup {Truncate(setupId)}.");
        }

        if (setup.HasSucceeded && setup.PaymentMethod is { } paymentMethod
            && await gateway.GetPaymentMethodAsync(paymentMethod, cancellationToken) is { } attached)
        {
            await savedMethods.RecordAsync(user, attached, makeDefault: null, cancellationToken);
            try
            {
                await unitOfWork.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is DuplicateKeyException or ConcurrencyConflictException)
            {
                // The webhook saved it at the same moment; the method is saved either way.
            }
        }

        return new PaymentMethodSetupResponse(setup.Id, setup.ClientSecret, setup.Status);
    }

    /// <summary>The shape of a gateway setup id, checked before the id is sent anywhere.</summary>
    internal static bool IsSetupId(string? id) =>
        id is { Length: > 5 and <= 255 } && id.StartsWith("seti_", StringComparison.Ordinal) && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Truncate(string? value) => value is { Length: > 40 } ? value[..40] + "…" : value ?? string.Empty;
}
