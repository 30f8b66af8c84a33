using global::Stripe;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// Stripe's customers, setups and payment methods are checked before they reach the domain: an object
/// of another kind, of another user or customer, or a card without its summary is an error. Only the
/// card's brand, last four digits and expiry are read; the fingerprint never leaves here.
/// </summary>
internal static class StripePaymentMethodValidation
{
    public static string Validate(Customer? customer, UserId userId)
    {
        if (customer is null || string.IsNullOrEmpty(customer.Id) || !customer.Id.StartsWith("cus_", StringComparison.Ordinal))
        {
            throw Invalid("Stripe answered without a Customer id.");
        }

        if (customer.Metadata?.GetValueOrDefault(StripeMetadata.UserId) != userId.Value.ToString())
        {
            throw Invalid($"Customer {customer.Id} does not belong to user {userId.Value}.");
        }

        return customer.Id;
    }

    /// <param name="expectedCustomer">The customer the setup was created for; null for a look-up (the caller compares).</param>
    public static GatewaySetup Validate(SetupIntent? setup, string? expectedCustomer)
    {
        if (setup is null || string.IsNullOrEmpty(setup.Id) || !setup.Id.StartsWith("seti_", StringComparison.Ordinal))
        {
            throw Invalid("Stripe answered without a SetupIntent id.");
        }

        if (string.IsNullOrEmpty(setup.ClientSecret) || string.IsNullOrEmpty(setup.Status))
        {
            throw Invalid($"SetupIntent {setup.Id} has no client secret or status.");
        }

        if (expectedCustomer is not null && setup.CustomerId != expectedCustomer)
        {
            throw Invalid($"SetupIntent {setup.Id} is not for customer {expectedCustomer}.");
        }

        if (setup.Status == GatewaySetup.Succeeded && string.IsNullOrEmpty(setup.PaymentMethodId))
        {
            throw Invalid($"SetupIntent {setup.Id} succeeded without a payment method.");
        }

        return new GatewaySetup(setup.Id, setup.ClientSecret, setup.Status, setup.CustomerId, setup.PaymentMethodId);
    }

    /// <param name="expectedCustomer">The customer it was just attached to; null for a look-up (the caller compares).</param>
    public static GatewayPaymentMethod Validate(PaymentMethod? method, string? expectedCustomer)
    {
        if (method is null || !SavedPaymentMethod.IsValidId(method.Id))
        {
            throw Invalid("Stripe answered without a PaymentMethod id.");
        }

        if (expectedCustomer is not null && method.CustomerId != expectedCustomer)
        {
            throw Invalid($"PaymentMethod {method.Id} is not attached to customer {expectedCustomer}.");
        }

        if (method.Card is not { } card)
        {
            throw Invalid($"PaymentMethod {method.Id} is not a card.");
        }

        try
        {
            var summary = CardSummary.Create(card.Brand, card.Last4, checked((int)card.ExpMonth), checked((int)card.ExpYear));
            return new GatewayPaymentMethod(method.Id, method.CustomerId, summary);
        }
        catch (Exception ex) when (ex is InvalidValueException or OverflowException)
        {
            throw Invalid($"PaymentMethod {method.Id} has a card summary Paydesk cannot accept.");
        }
    }

    private static PaymentGatewayFailedException Invalid(string message) => new("gateway_invalid_response", message);
}
