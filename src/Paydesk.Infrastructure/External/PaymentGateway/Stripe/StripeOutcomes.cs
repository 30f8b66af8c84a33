using global::Stripe;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// The one place Stripe's answers become gateway outcomes, whether Paydesk asked (the API) or Stripe
/// told (a webhook). Card errors keep only codes that are safe to show the payer: a lost or stolen
/// card, or a fraud decline, becomes a plain <c>card_declined</c>, as Stripe advises, so a card thief
/// learns nothing.
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
    };

    /// <summary>The outcome of a PaymentIntent Paydesk confirmed off-session.</summary>
    public static GatewayChargeOutcome FromPaymentIntent(PaymentIntent intent) =>
        FromPaymentIntent(intent.Id, intent.Status, intent.LastPaymentError?.Code, intent.LastPaymentError?.DeclineCode)
        ?? throw new PaymentGatewayFailedException("gateway_invalid_response", $"Stripe answered a PaymentIntent in status '{intent.Status}', which an off-session confirmation never leaves.");

    /// <summary>The outcome of a PaymentIntent in <paramref name="status"/>; null for a status an off-session confirmation never leaves.</summary>
    public static GatewayChargeOutcome? FromPaymentIntent(string id, string? status, string? errorCode, string? declineCode) => status switch
    {
        "succeeded" => new(GatewayChargeStatus.Succeeded, id),
        "processing" => new(GatewayChargeStatus.Processing, id),
        "requires_action" => new(GatewayChargeStatus.RequiresAction, id),
        "requires_payment_method" => FromCardError(id, errorCode, declineCode),
        "canceled" => new(GatewayChargeStatus.Failed, id, "payment_canceled", "The payment was canceled."),
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

    private static GatewayChargeOutcome FromCardError(string? reference, string? code, string? declineCode)
    {
        if (code == "authentication_required")
        {
            return new(GatewayChargeStatus.RequiresAction, reference);
        }

        var chosen = code == GatewayChargeOutcome.DeclinedCode && declineCode is not null && SafeMessages.ContainsKey(declineCode) ? declineCode : code;
        return chosen is not null && SafeMessages.TryGetValue(chosen, out var message)
            ? new(GatewayChargeStatus.Failed, reference, chosen, message)
            : new(GatewayChargeStatus.Failed, reference, GatewayChargeOutcome.DeclinedCode, GatewayChargeOutcome.DeclinedMessage);
    }
}
