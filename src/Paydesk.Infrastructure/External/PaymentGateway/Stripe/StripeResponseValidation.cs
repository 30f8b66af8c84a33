using global::Stripe;
using Paydesk.Application.Abstractions;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// Every Stripe answer is checked before it reaches the domain: an object that is not the one
/// Paydesk asked about (another id in its metadata, another amount or currency) is an error, never a success.
/// </summary>
internal static class StripeResponseValidation
{
    public static PaymentIntent Validate(PaymentIntent? intent, GatewayChargeRequest request)
    {
        if (intent is null || string.IsNullOrEmpty(intent.Id) || !intent.Id.StartsWith("pi_", StringComparison.Ordinal))
        {
            throw Invalid("Stripe answered without a PaymentIntent id.");
        }

        if (intent.Metadata?.GetValueOrDefault(StripeMetadata.PaymentId) != request.PaymentId.Value.ToString())
        {
            throw Invalid($"PaymentIntent {intent.Id} does not belong to payment {request.PaymentId.Value}.");
        }

        if (intent.Amount != request.Amount.MinorUnits || !string.Equals(intent.Currency, request.Amount.Currency.Code, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"PaymentIntent {intent.Id} is for another amount or currency than payment {request.PaymentId.Value}.");
        }

        return intent;
    }

    public static global::Stripe.Refund Validate(global::Stripe.Refund? refund, GatewayRefundRequest request)
    {
        if (refund is null || string.IsNullOrEmpty(refund.Id) || !refund.Id.StartsWith("re_", StringComparison.Ordinal))
        {
            throw Invalid("Stripe answered without a Refund id.");
        }

        if (refund.Metadata?.GetValueOrDefault(StripeMetadata.RefundId) != request.RefundId.Value.ToString()
            || refund.PaymentIntentId != request.PaymentReference)
        {
            throw Invalid($"Refund {refund.Id} does not belong to refund {request.RefundId.Value}.");
        }

        if (refund.Amount != request.Amount.MinorUnits || !string.Equals(refund.Currency, request.Amount.Currency.Code, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"Refund {refund.Id} is for another amount or currency than refund {request.RefundId.Value}.");
        }

        return refund;
    }

    private static PaymentGatewayFailedException Invalid(string message) => new("gateway_invalid_response", message);
}
