using global::Stripe;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>What follows an authorization: its capture, and the cancel of an intent not yet captured.</summary>
public sealed partial class StripePaymentGateway
{
    public async Task<GatewayChargeOutcome> CaptureAsync(GatewayChargeRequest request, string reference, long amount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(reference);
        try
        {
            var intent = await _client.V1.PaymentIntents.CaptureAsync(
                reference,
                new PaymentIntentCaptureOptions { AmountToCapture = amount },
                new RequestOptions { IdempotencyKey = request.CaptureIdempotencyKey },
                cancellationToken);
            return StripeOutcomes.FromPaymentIntent(StripeResponseValidation.Validate(intent, request));
        }
        catch (StripeException ex) when (ex.StripeError is { Type: "invalid_request_error", Code: "payment_intent_unexpected_state", PaymentIntent: { } settled })
        {
            // The intent left requires_capture first (its authorization lapsed, say): that is its outcome.
            return StripeOutcomes.FromPaymentIntent(StripeResponseValidation.Validate(settled, request));
        }
        catch (StripeException ex) when (ex.StripeError is { Type: "invalid_request_error", Code: "amount_too_large" })
        {
            throw new PaymentGatewayFailedException("capture_exceeds_authorized", "The gateway holds less than the amount to capture.", ex);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public Task<GatewayChargeOutcome> CancelAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CancelIntentAsync(request, reference, StripeOutcomes.AbandonedReason, request.CancelIdempotencyKey, cancellationToken);
    }

    public Task<GatewayChargeOutcome> CancelOnRequestAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CancelIntentAsync(request, reference, StripeOutcomes.RequestedReason, request.CancelOnRequestIdempotencyKey, cancellationToken);
    }

    private async Task<GatewayChargeOutcome> CancelIntentAsync(GatewayChargeRequest request, string reference, string reason, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        try
        {
            var intent = await _client.V1.PaymentIntents.CancelAsync(
                reference,
                new PaymentIntentCancelOptions { CancellationReason = reason },
                new RequestOptions { IdempotencyKey = idempotencyKey },
                cancellationToken);
            return StripeOutcomes.FromPaymentIntent(StripeResponseValidation.Validate(intent, request));
        }
        catch (StripeException ex) when (ex.StripeError is { Type: "invalid_request_error", Code: "payment_intent_unexpected_state", PaymentIntent: { } settled })
        {
            // The intent settled first (the payer authenticated, it was captured, or it lapsed): that is its outcome.
            return StripeOutcomes.FromPaymentIntent(StripeResponseValidation.Validate(settled, request));
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }
}
