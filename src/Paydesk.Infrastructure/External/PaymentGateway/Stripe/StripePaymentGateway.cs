using System.Net;
using global::Stripe;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Payments;
using Polly.Timeout;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// The production gateway: Stripe through Stripe.net, over an HttpClient from IHttpClientFactory
/// whose resilience pipeline is the only layer that retries (decision 0005). Every call that moves
/// money carries the idempotency key Paydesk stored before the call.
/// </summary>
public sealed partial class StripePaymentGateway : IPaymentGateway
{
    private readonly StripeClient _client;
    private readonly ILogger<StripePaymentGateway> _logger;

    public StripePaymentGateway(HttpClient httpClient, IOptions<StripeGatewayOptions> options, ILogger<StripePaymentGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = StripeClients.Create(httpClient, options.Value);
        _logger = logger;
    }

    public async Task<GatewayChargeOutcome> ChargeAsync(GatewayChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new PaymentIntentCreateOptions
        {
            Amount = request.Amount.MinorUnits,
            Currency = request.Amount.Currency.Code.ToLowerInvariant(),
            Confirm = true,
            PaymentMethod = request.Method.Source,
            Customer = request.Method.GatewayCustomer,
            // Off-session there is no payer to authenticate and no page to return to: methods that
            // redirect are excluded. On-session the payer returns to the caller's page.
            OffSession = request.Method.OffSession ? true : null,
            ReturnUrl = request.Method.OffSession ? null : request.Method.ReturnUrl,
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions
            {
                Enabled = true,
                AllowRedirects = request.Method.OffSession || request.Method.ReturnUrl is null ? "never" : "always",
            },
            Description = request.Description,
            // A manual capture only authorizes; its charge is expanded for the time the authorization lapses.
            CaptureMethod = request.Capture == CaptureMethod.Manual ? "manual" : null,
            Expand = request.Capture == CaptureMethod.Manual ? ["latest_charge"] : null,
            Metadata = StripeMetadata.With(
                request.Metadata,
                (StripeMetadata.PaymentId, request.PaymentId.Value.ToString()),
                (StripeMetadata.UserId, request.UserId.Value.ToString())),
        };

        try
        {
            var intent = await _client.V1.PaymentIntents.CreateAsync(options, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken);
            return StripeOutcomes.FromPaymentIntent(StripeResponseValidation.Validate(intent, request));
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "card_error")
        {
            // A declined confirmation: the PaymentIntent exists and says why.
            var intent = ex.StripeError.PaymentIntent is { } failed ? StripeResponseValidation.Validate(failed, request) : null;
            return StripeOutcomes.FromCardError(ex.StripeError, intent?.Id);
        }
        catch (StripeException ex) when (ex.HttpStatusCode == HttpStatusCode.BadRequest && ex.StripeError?.Type == "invalid_request_error")
        {
            // Stripe refused the request itself, e.g. an unknown payment method: nothing was charged.
            return StripeOutcomes.FromInvalidRequest(ex.StripeError);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public async Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var metadata = StripeMetadata.With(
            request.Metadata,
            (StripeMetadata.RefundId, request.RefundId.Value.ToString()),
            (StripeMetadata.PaymentId, request.PaymentId.Value.ToString()));
        if (request.Reason is { Length: > 0 } reason)
        {
            // Stripe's own reason is an enum; Paydesk's free text travels as metadata (at most 500 characters).
            metadata[StripeMetadata.RefundReason] = reason;
        }

        var options = new RefundCreateOptions
        {
            PaymentIntent = request.PaymentReference,
            Amount = request.Amount.MinorUnits,
            Metadata = metadata,
        };

        try
        {
            var refund = await _client.V1.Refunds.CreateAsync(options, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken);
            return StripeOutcomes.FromRefund(StripeResponseValidation.Validate(refund, request));
        }
        catch (StripeException ex) when (ex.HttpStatusCode == HttpStatusCode.BadRequest && ex.StripeError?.Type == "invalid_request_error")
        {
            // E.g. charge_already_refunded or amount_too_large: Stripe refused, nothing moved.
            return StripeOutcomes.FromRefusedRefund(ex.StripeError);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public async Task<GatewayChargeOutcome?> LookUpChargeAsync(GatewayChargeRequest request, string? reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            PaymentIntent? intent;
            if (reference is { Length: > 0 })
            {
                intent = await _client.V1.PaymentIntents.GetAsync(reference, new PaymentIntentGetOptions { Expand = ["latest_charge"] }, null, cancellationToken);
            }
            else
            {
                // The create answer was lost, so Paydesk never learnt the id: find it by Paydesk's own id.
                var found = await _client.V1.PaymentIntents.SearchAsync(
                    new PaymentIntentSearchOptions { Query = $"metadata['{StripeMetadata.PaymentId}']:'{request.PaymentId.Value}'" },
                    null,
                    cancellationToken);
                intent = found.Data.FirstOrDefault();
            }

            return intent is null ? null : StripeOutcomes.FromPaymentIntent(StripeResponseValidation.Validate(intent, request));
        }
        catch (StripeException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public async Task<GatewayRefundOutcome?> LookUpRefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.PaymentReference))
        {
            return null;
        }

        try
        {
            var refunds = await _client.V1.Refunds.ListAsync(new RefundListOptions { PaymentIntent = request.PaymentReference, Limit = 100 }, null, cancellationToken);
            var refund = refunds.Data.FirstOrDefault(r => r.Metadata?.GetValueOrDefault(StripeMetadata.RefundId) == request.RefundId.Value.ToString());
            return refund is null ? null : StripeOutcomes.FromRefund(StripeResponseValidation.Validate(refund, request));
        }
        catch (StripeException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Turns a transport or protocol failure into the port's exceptions; null leaves it alone.</summary>
    private Exception? Translate(Exception exception, CancellationToken cancellationToken) =>
        StripeFailures.Translate(exception, cancellationToken, _logger);
}
