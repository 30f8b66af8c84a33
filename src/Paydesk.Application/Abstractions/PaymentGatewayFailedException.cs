namespace Paydesk.Application.Abstractions;

/// <summary>
/// The gateway answered, but not with anything Paydesk can act on: it refused Paydesk's credentials,
/// or its answer failed validation. The caller gets 502; the payment stays pending (no guess) for
/// reconciliation to settle.
/// </summary>
public sealed class PaymentGatewayFailedException : Exception
{
    public PaymentGatewayFailedException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary><c>gateway_authentication_failed</c> or <c>gateway_invalid_response</c>.</summary>
    public string Code { get; }
}
