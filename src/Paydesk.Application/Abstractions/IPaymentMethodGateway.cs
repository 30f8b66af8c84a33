using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;

namespace Paydesk.Application.Abstractions;

/// <summary>
/// The port to the gateway's customers and saved payment methods. Calls that create something carry
/// an idempotency key derived from Paydesk's own ids. No vendor type crosses it.
/// </summary>
/// <remarks>
/// Every method may throw <see cref="PaymentGatewayUnavailableException"/> (no answer) or
/// <see cref="PaymentGatewayFailedException"/> (an answer Paydesk cannot accept), as the charge port does.
/// </remarks>
public interface IPaymentMethodGateway
{
    /// <summary>The user's customer at the gateway: created with a key derived from the user id, so asking again answers the same one.</summary>
    Task<string> EnsureCustomerAsync(GatewayCustomerRequest request, CancellationToken cancellationToken);

    /// <summary>A new setup (off-session use) for the customer, for the payer's browser to confirm.</summary>
    /// <exception cref="PaymentMethodRefusedException">The gateway refused, e.g. an unknown customer.</exception>
    Task<GatewaySetup> CreateSetupAsync(GatewaySetupRequest request, CancellationToken cancellationToken);

    /// <summary>The setup as the gateway has it now; null when the gateway has no such setup.</summary>
    Task<GatewaySetup?> GetSetupAsync(string setupId, CancellationToken cancellationToken);

    /// <summary>Attaches the method to the customer; the answer is the method saved there (a test token becomes a new method).</summary>
    /// <exception cref="PaymentMethodRefusedException">The gateway refused the method or the customer.</exception>
    Task<GatewayPaymentMethod> AttachAsync(string paymentMethod, string customerId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The method's card summary and the customer it is attached to; null when the gateway has no such method.</summary>
    Task<GatewayPaymentMethod?> GetPaymentMethodAsync(string paymentMethod, CancellationToken cancellationToken);

    /// <summary>Detaches the method from its customer; one already detached is left as it is.</summary>
    Task DetachAsync(string paymentMethod, CancellationToken cancellationToken);
}

/// <param name="IdempotencyKey">Derived from the user id (<see cref="For"/>), so concurrent first uses create one customer.</param>
public sealed record GatewayCustomerRequest(UserId UserId, string Email, string Name, string IdempotencyKey, Metadata? Metadata = null)
{
    public static GatewayCustomerRequest For(Paydesk.Domain.Users.User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Email.Value, user.Name, $"customer_{user.Id.Value:N}", user.Metadata);
    }
}

public sealed record GatewaySetupRequest(UserId UserId, string CustomerId, string IdempotencyKey);

/// <summary>A setup at the gateway; <see cref="ClientSecret"/> is for the payer's browser only and is never logged.</summary>
/// <param name="Status">The gateway's status: requires_payment_method, requires_confirmation, requires_action, processing, succeeded or canceled.</param>
/// <param name="PaymentMethod">The method the setup saved, once it succeeded.</param>
public sealed record GatewaySetup(string Id, string ClientSecret, string Status, string? CustomerId, string? PaymentMethod)
{
    public const string Succeeded = "succeeded";

    public bool HasSucceeded => Status == Succeeded;
}

/// <summary>A payment method at the gateway: the customer it is attached to (null when none) and its card summary.</summary>
public sealed record GatewayPaymentMethod(string Id, string? CustomerId, CardSummary Card);

/// <summary>The gateway refused a payment-method request (the API answers 422 with <see cref="Code"/>), e.g. an unknown method.</summary>
public sealed class PaymentMethodRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
