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

    /// <summary>A manual-capture charge was authorized: the money is held until captured or released.</summary>
    Authorized,

    /// <summary>The charge was canceled before any money was captured (on request, or its authorization lapsed).</summary>
    Canceled,
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
    public const string AuthenticationRequiredCode = "authentication_required";
    public const string AuthenticationRequiredMessage = "The card requires authentication: charge it on-session, with the payer present to authenticate.";
    public const string AbandonedCode = "authentication_abandoned";
    public const string AbandonedMessage = "The payer did not complete authentication in time; the payment was canceled.";
    public const string AuthorizationExpiredReason = "authorization_expired";
    public const string RequestedReason = "requested_by_customer";

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

    /// <summary>The charge needs the payer: what they must do, and the secret their client library completes it with.</summary>
    public static GatewayChargeOutcome ActionRequired(string reference, PaymentNextAction? nextAction, string? clientSecret) =>
        new(GatewayChargeStatus.RequiresAction, reference) { NextAction = nextAction, ClientSecret = clientSecret };

    /// <summary>A manual-capture charge held <paramref name="amountCapturable"/> until <paramref name="captureBefore"/> (when the gateway said).</summary>
    public static GatewayChargeOutcome Authorized(string reference, long amountCapturable, DateTimeOffset? captureBefore) =>
        new(GatewayChargeStatus.Authorized, reference) { AmountCapturable = amountCapturable, CaptureBefore = captureBefore };

    /// <summary>The charge succeeded and took <paramref name="amountReceived"/> (a capture of less than was authorized releases the rest).</summary>
    public static GatewayChargeOutcome Captured(string reference, long amountReceived) =>
        new(GatewayChargeStatus.Succeeded, reference) { AmountReceived = amountReceived };

    /// <summary>The charge was canceled before capture, <paramref name="reason"/> saying why (e.g. <see cref="AuthorizationExpiredReason"/>).</summary>
    public static GatewayChargeOutcome CanceledFor(string reference, string reason) =>
        new(GatewayChargeStatus.Canceled, reference) { CancellationReason = reason };

    public GatewayChargeStatus Status { get; }

    /// <summary>Set only for <see cref="GatewayChargeStatus.Authorized"/>: the minor units that may be captured.</summary>
    public long? AmountCapturable { get; private init; }

    /// <summary>Set only for <see cref="GatewayChargeStatus.Authorized"/>, when known: when the authorization lapses.</summary>
    public DateTimeOffset? CaptureBefore { get; private init; }

    /// <summary>For <see cref="GatewayChargeStatus.Succeeded"/>, when known: the minor units the gateway took.</summary>
    public long? AmountReceived { get; private init; }

    /// <summary>Set only for <see cref="GatewayChargeStatus.Canceled"/>: why.</summary>
    public string? CancellationReason { get; private init; }

    /// <summary>Set only for <see cref="GatewayChargeStatus.RequiresAction"/>: what the payer must do.</summary>
    public PaymentNextAction? NextAction { get; private init; }

    /// <summary>
    /// Set only for <see cref="GatewayChargeStatus.RequiresAction"/>: the secret the payer's client
    /// completes the charge with. Never logged; handed only to callers that may charge.
    /// </summary>
    public string? ClientSecret { get; private init; }

    /// <summary>The gateway's id for the charge; none when it refused the request.</summary>
    public string? Reference { get; }

    /// <summary>Set exactly when the charge failed or was rejected.</summary>
    public string? FailureCode { get; }

    public string? FailureMessage { get; }

    // The record's generated text would include the client secret (and the redirect URL, which at
    // Stripe carries it too): only what is safe to log is printed.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Status = {Status}, Reference = {Reference}, FailureCode = {FailureCode}, NextAction = {NextAction?.Type}");
        return true;
    }
}
