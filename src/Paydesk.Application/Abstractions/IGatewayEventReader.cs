namespace Paydesk.Application.Abstractions;

/// <summary>
/// Verifies and reads a gateway's webhook. The signature is the authentication: an event that is not
/// signed with the configured secret, or whose signature is too old, is refused before it is read.
/// </summary>
public interface IGatewayEventReader
{
    /// <exception cref="InvalidGatewayEventException">The signature is missing, wrong or stale, or the body is not an event.</exception>
    GatewayEvent Read(string payload, string? signatureHeader);
}

/// <summary>A verified event, reduced to the state changes Paydesk understands (none for other types).</summary>
public sealed record GatewayEvent(string Id, string Type, IReadOnlyList<GatewayStateChange> Changes);

public enum GatewayChange
{
    PaymentSucceeded,
    PaymentFailed,
    PaymentProcessing,
    PaymentRequiresAction,
    RefundSucceeded,
    RefundFailed,
}

/// <summary>What the gateway says happened to one of Paydesk's payments or refunds.</summary>
public sealed record GatewayStateChange(
    GatewayChange Kind,
    Guid PaymentId,
    string Reference,
    Guid? RefundId = null,
    string? FailureCode = null,
    string? FailureMessage = null);

public sealed class InvalidGatewayEventException : Exception
{
    public InvalidGatewayEventException()
        : base("The webhook is not a valid, signed gateway event.")
    {
    }

    public InvalidGatewayEventException(string message)
        : base(message)
    {
    }

    public InvalidGatewayEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
