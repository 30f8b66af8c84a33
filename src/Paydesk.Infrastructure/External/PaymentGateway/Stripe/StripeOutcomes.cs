using global::Stripe;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// The one place Stripe's answers become gateway outcomes, whether Paydesk asked (the API) or Stripe
/// told (a webhook). Card errors keep only codes that are safe to show the payer: a lost or stolen
/// card, or a fraud decline, becomes a plain <c>card_declined</c>, as Stripe advises, so a card thief
/// learns nothing. Off-session, a card that needs authentication fails with
/// <c>authentication_required</c>, as Stripe declines it; on-session it needs action.
/// </summary>
internal static class StripeOutcomes
{
    private static readonly Dictionary<string, string> SafeMessages = new(StringComparer.Ordinal)
    {
        [GatewayChargeOutcome.DeclinedCode] = GatewayChargeOutcome.DeclinedMessage,
        ["insufficient_funds"] = "The card has insufficient funds.",
        ["expired_card"] = "The card has expired.",
        ["incorrect_cvc"] = "The card's security code is incorrect.",
        ["processing_error"] = "An error occurred while processing the card. Try again.",
        ["incorrect_number"] = "The card number is incorrect.",
        ["card_velocity_exceeded"] = "The card has exceeded its limit. Try again later.",
        [GatewayChargeOutcome.AuthenticationRequiredCode] = GatewayChargeOutcome.AuthenticationRequiredMessage,
        ["payment_intent_authentication_failure"] = "The payer's bank could not authenticate the payment.",
    };

    /// <summary>The <c>cancellation_reason</c> Paydesk cancels an intent the payer never authenticated with.</summary>
    public const string AbandonedReason = "abandoned";

    /// <summary>The <c>cancellation_reason</c> Stripe gives an authorization that lapsed uncaptured.</summary>
    public const string LapsedReason = "automatic";

    /// <summary>The <c>cancellation_reason</c> Paydesk cancels with when its caller asks.</summary>
    public const string RequestedReason = "requested_by_customer";

    /// <summary>The outcome of a PaymentIntent Paydesk confirmed.</summary>
    public static GatewayChargeOutcome FromPaymentIntent(PaymentIntent intent) =>
        FromPaymentIntent(
            new StripeIntentState(intent.Id, intent.Status, intent.LastPaymentError?.Code, intent.LastPaymentError?.DeclineCode)
            {
                CancellationReason = intent.CancellationReason,
                NextActionType = intent.NextAction?.Type,
                RedirectUrl = intent.NextAction?.RedirectToUrl?.Url,
                ClientSecret = intent.ClientSecret,
                AmountCapturable = intent.AmountCapturable,
                AmountReceived = intent.AmountReceived,
                CaptureBefore = CaptureBefore(intent.LatestCharge?.PaymentMethodDetails?.Card?.CaptureBefore),
            })
        ?? throw new PaymentGatewayFailedException("gateway_invalid_response", $"Stripe answered a PaymentIntent in status '{intent.Status}', which a confirmation never leaves.");

    /// <summary>The outcome of a PaymentIntent in <paramref name="intent"/>'s status; null for a status a confirmation never leaves.</summary>
    public static GatewayChargeOutcome? FromPaymentIntent(StripeIntentState intent) => intent.Status switch
    {
        "succeeded" when intent.AmountReceived is > 0 => GatewayChargeOutcome.Captured(intent.Id, intent.AmountReceived.Value),
        "succeeded" => new(GatewayChargeStatus.Succeeded, intent.Id),
        "requires_capture" => GatewayChargeOutcome.Authorized(intent.Id, intent.AmountCapturable ?? 0, intent.CaptureBefore),
        "processing" => new(GatewayChargeStatus.Processing, intent.Id),
        "requires_action" => GatewayChargeOutcome.ActionRequired(intent.Id, NextAction(intent), Bounded(intent.ClientSecret, Payment.MaxClientSecretLength)),
        "requires_payment_method" => FromCardError(intent.Id, intent.ErrorCode, intent.DeclineCode),

        // Paydesk cancels only an intent whose payer never authenticated, and says so in the reason.
        "canceled" when intent.CancellationReason == AbandonedReason => new(GatewayChargeStatus.Failed, intent.Id, GatewayChargeOutcome.AbandonedCode, GatewayChargeOutcome.AbandonedMessage),

        // Stripe cancels an authorization nobody captured in time with the reason "automatic"; Paydesk cancels on a caller's request with its own.
        "canceled" when intent.CancellationReason == LapsedReason => GatewayChargeOutcome.CanceledFor(intent.Id, GatewayChargeOutcome.AuthorizationExpiredReason),
        "canceled" when intent.CancellationReason == RequestedReason => GatewayChargeOutcome.CanceledFor(intent.Id, GatewayChargeOutcome.RequestedReason),
        "canceled" => new(GatewayChargeStatus.Failed, intent.Id, "payment_canceled", "The payment was canceled."),
        _ => null,
    };

    public static GatewayChargeOutcome FromCardError(StripeError error, string? paymentIntentId) =>
        FromCardError(paymentIntentId, error.Code, error.DeclineCode);

    /// <summary>Stripe refused the charge request itself, e.g. an unknown payment method: nothing was charged.</summary>
    public static GatewayChargeOutcome FromInvalidRequest(StripeError error) =>
        error.Param == "payment_method"
            ? new(GatewayChargeStatus.Rejected, null, GatewayChargeOutcome.RejectedCode, "The gateway does not know this payment method.")
            : new(GatewayChargeStatus.Rejected, null, error.Code ?? "invalid_request", error.Message ?? "The gateway rejected the request.");

    public static GatewayRefundOutcome FromRefund(global::Stripe.Refund refund) =>
        FromRefund(refund.Id, refund.Status, refund.FailureReason)
        ?? throw new PaymentGatewayFailedException("gateway_invalid_response", $"Stripe answered a Refund in the unknown status '{refund.Status}'.");

    /// <summary>The outcome of a Refund in <paramref name="status"/>; null for a status Stripe does not document.</summary>
    public static GatewayRefundOutcome? FromRefund(string id, string? status, string? failureReason) => status switch
    {
        "succeeded" => new(GatewayRefundStatus.Succeeded, id),
        "pending" or "requires_action" => new(GatewayRefundStatus.Pending, id),
        "failed" or "canceled" => new(GatewayRefundStatus.Failed, id, failureReason),
        _ => null,
    };

    /// <summary>Stripe refused the refund request, e.g. charge_already_refunded: nothing moved.</summary>
    public static GatewayRefundOutcome FromRefusedRefund(StripeError error) =>
        new(GatewayRefundStatus.Failed, null, error.Code);

    // Stripe names the next action; only a redirect has a URL Paydesk passes on, and one too long to store is left out (the client secret still completes it).
    private static PaymentNextAction? NextAction(StripeIntentState intent) => intent.NextActionType switch
    {
        null => null,
        PaymentNextAction.RedirectToUrl => new(PaymentNextAction.RedirectToUrl, Bounded(intent.RedirectUrl, PaymentNextAction.MaxUrlLength)),
        var type => new(Bounded(type, PaymentNextAction.MaxTypeLength)!, null),
    };

    // Stripe.net reads unix seconds as UTC; a zero (absent) value is no lapse time.
    private static DateTimeOffset? CaptureBefore(DateTime? value) =>
        value is { } time && time > DateTime.UnixEpoch ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;

    private static string? Bounded(string? value, int maxLength) => value is { Length: > 0 } && value.Length <= maxLength ? value : null;

    private static GatewayChargeOutcome FromCardError(string? reference, string? code, string? declineCode)
    {
        var chosen = code == GatewayChargeOutcome.DeclinedCode && declineCode is not null && SafeMessages.ContainsKey(declineCode) ? declineCode : code;
        return chosen is not null && SafeMessages.TryGetValue(chosen, out var message)
            ? new(GatewayChargeStatus.Failed, reference, chosen, message)
            : new(GatewayChargeStatus.Failed, reference, GatewayChargeOutcome.DeclinedCode, GatewayChargeOutcome.DeclinedMessage);
    }
}
