using Paydesk.Domain.Payments;

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
/// <param name="Setup">What a setup event says about saving a payment method; null for other events.</param>
/// <param name="Dispute">What a dispute event says about a dispute; null for other events.</param>
public sealed record GatewayEvent(string Id, string Type, IReadOnlyList<GatewayStateChange> Changes, GatewaySetupOutcome? Setup = null, GatewayDisputeReport? Dispute = null);

/// <summary>A dispute as a gateway event shows it, with the gateway's payment reference (the PaymentIntent) it disputes.</summary>
public sealed record GatewayDisputeReport(string PaymentReference, GatewayDispute Dispute);

/// <summary>
/// How a gateway setup ended: succeeded with the method it saved, or failed. The user is named by the
/// setup's metadata or found by its customer.
/// </summary>
public sealed record GatewaySetupOutcome(string SetupId, bool Succeeded, string? CustomerId, Guid? UserId, string? PaymentMethod, string? FailureCode);

/// <summary>
/// What the gateway says happened to one of Paydesk's payments (<see cref="Charge"/>) or to one of its
/// refunds (<see cref="RefundId"/> and <see cref="Refund"/>).
/// </summary>
public sealed record GatewayStateChange(Guid PaymentId, GatewayChargeOutcome? Charge, Guid? RefundId = null, GatewayRefundOutcome? Refund = null);

public sealed class InvalidGatewayEventException : Exception
{
    public InvalidGatewayEventException(string message)
        : base(message)
    {
    }

    public InvalidGatewayEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
