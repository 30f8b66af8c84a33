using global::Stripe;
using Paydesk.Application.Abstractions;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// Turns Stripe's answers into the port's results. Card errors keep only codes that are safe to show
/// the payer: a lost or stolen card, or a fraud decline, becomes a plain <c>card_declined</c>, as
/// Stripe advises, so a card thief learns nothing.
/// </summary>
internal static class StripeOutcomes
{
    private static readonly Dictionary<string, string> SafeMessages = new(StringComparer.Ordinal)
    {
        ["card_declined"] = "The card was declined.",
        ["insufficient_funds"] = "The card has insufficient funds.",
        ["expired_card"] = "The card has expired.",
        ["incorrect_cvc"] = "The card's security code is incorrect.",
        ["processing_error"] = "An error occurred while processing the card. Try again.",
        ["incorrect_number"] = "The card number is incorrect.",
        ["card_velocity_exceeded"] = "The card has exceeded its limit. Try again later.",
    };

    public static (string Code, string Message) SafeFailure(string? code, string? declineCode)
    {
        var chosen = code == "card_declined" && declineCode is not null && SafeMessages.ContainsKey(declineCode) ? declineCode : code;
        return chosen is not null && SafeMessages.TryGetValue(chosen, out var message)
            ? (chosen, message)
            : ("card_declined", SafeMessages["card_declined"]);
    }

    /// <summary>The outcome of a PaymentIntent Paydesk confirmed off-session.</summary>
    public static GatewayChargeResult FromPaymentIntent(PaymentIntent intent) => intent.Status switch
    {
        "succeeded" => new(GatewayChargeStatus.Succeeded, intent.Id),
        "processing" => new(GatewayChargeStatus.Processing, intent.Id),
        "requires_action" => new(GatewayChargeStatus.RequiresAction, intent.Id),
        "requires_payment_method" when intent.LastPaymentError?.Code == "authentication_required" => new(GatewayChargeStatus.RequiresAction, intent.Id),
        "requires_payment_method" => Failed(intent.Id, intent.LastPaymentError?.Code, intent.LastPaymentError?.DeclineCode),
        "canceled" => new(GatewayChargeStatus.Failed, intent.Id, "payment_canceled", "The payment was canceled."),
        _ => throw new PaymentGatewayFailedException("gateway_invalid_response", $"Stripe answered a PaymentIntent in status '{intent.Status}', which an off-session confirmation never leaves."),
    };

    public static GatewayChargeResult FromCardError(StripeError error, string? paymentIntentId) =>
        error.Code == "authentication_required"
            ? new(GatewayChargeStatus.RequiresAction, paymentIntentId)
            : Failed(paymentIntentId, error.Code, error.DeclineCode);

    public static GatewayRefundResult FromRefund(global::Stripe.Refund refund) => refund.Status switch
    {
        "succeeded" => new(GatewayRefundStatus.Succeeded, refund.Id),
        "pending" or "requires_action" => new(GatewayRefundStatus.Pending, refund.Id),
        "failed" or "canceled" => new(GatewayRefundStatus.Failed, refund.Id, refund.FailureReason ?? "refund_failed"),
        _ => throw new PaymentGatewayFailedException("gateway_invalid_response", $"Stripe answered a Refund in the unknown status '{refund.Status}'."),
    };

    private static GatewayChargeResult Failed(string? reference, string? code, string? declineCode)
    {
        var (safeCode, message) = SafeFailure(code, declineCode);
        return new(GatewayChargeStatus.Failed, reference, safeCode, message);
    }
}
