namespace Paydesk.Domain.Payments;

public enum GatewayChargeStatus
{
    Succeeded,
    Failed,
    RequiresAction,

    /// <summary>The gateway accepted the charge and will settle it later.</summary>
    Processing,

    /// <summary>The gateway refused the request itself (e.g. an unknown payment method).</summary>
    Rejected,
}

/// <summary>
/// What the gateway says became of a charge, whoever heard it: the answer to Paydesk's own call,
/// a webhook, or reconciliation's look-up. <see cref="Payment.Apply(GatewayChargeOutcome, DateTimeOffset, OutcomeRule)"/>
/// is the one place it changes a payment. A failure without a code gets the generic one here.
/// </summary>
public sealed record GatewayChargeOutcome
{
    public const string DeclinedCode = "card_declined";
    public const string DeclinedMessage = "The card was declined.";
    public const string RejectedCode = "invalid_payment_method";
    public const string RejectedMessage = "The gateway rejected the payment method.";

    public GatewayChargeOutcome(GatewayChargeStatus status, string? reference, string? failureCode = null, string? failureMessage = null)
    {
        Status = status;
        Reference = reference;
        (FailureCode, FailureMessage) = status switch
        {
            GatewayChargeStatus.Failed => (failureCode ?? DeclinedCode, failureMessage ?? DeclinedMessage),
            GatewayChargeStatus.Rejected => (failureCode ?? RejectedCode, failureMessage ?? RejectedMessage),
            _ => ((string?)null, (string?)null),
        };
    }

    public GatewayChargeStatus Status { get; }

    /// <summary>The gateway's id for the charge; none when it refused the request.</summary>
    public string? Reference { get; }

    /// <summary>Set exactly when the charge failed or was rejected.</summary>
    public string? FailureCode { get; }

    public string? FailureMessage { get; }
}
