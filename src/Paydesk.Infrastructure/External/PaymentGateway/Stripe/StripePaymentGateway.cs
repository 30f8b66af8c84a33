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
        StripeOptionsReflection.Hold();
        var settings = options.Value;

        // maxNetworkRetries: 0 because the HttpClient's resilience handler retries; enableTelemetry:
        // false so no request metrics are sent to Stripe.
        _client = new StripeClient(new StripeClientOptions
        {
            ApiKey = settings.SecretKey,
            ApiBase = settings.ApiBase.TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(httpClient, maxNetworkRetries: 0, appInfo: null, enableTelemetry: false),
        });
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
            Metadata = new Dictionary<string, string>
            {
                [StripeMetadata.PaymentId] = request.PaymentId.Value.ToString(),
                [StripeMetadata.UserId] = request.UserId.Value.ToString(),
            },
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
        var metadata = new Dictionary<string, string>
        {
            [StripeMetadata.RefundId] = request.RefundId.Value.ToString(),
            [StripeMetadata.PaymentId] = request.PaymentId.Value.ToString(),
        };
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
                intent = await _client.V1.PaymentIntents.GetAsync(reference, null, null, cancellationToken);
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

    public async Task<GatewayChargeOutcome> CancelAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(reference);
        try
        {
            var intent = await _client.V1.PaymentIntents.CancelAsync(
                reference,
                new PaymentIntentCancelOptions { CancellationReason = StripeOutcomes.AbandonedReason },
                new RequestOptions { IdempotencyKey = request.CancelIdempotencyKey },
                cancellationToken);
            return StripeOutcomes.FromPaymentIntent(StripeResponseValidation.Validate(intent, request));
        }
        catch (StripeException ex) when (ex.StripeError is { Type: "invalid_request_error", Code: "payment_intent_unexpected_state", PaymentIntent: { } settled })
        {
            // The intent left requires_action first (the payer authenticated, or it failed): that is its outcome.
            return StripeOutcomes.FromPaymentIntent(StripeResponseValidation.Validate(settled, request));
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
    private Exception? Translate(Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case PaymentGatewayFailedException:
                return null;
            case StripeException { StripeError.Type: "idempotency_error", HttpStatusCode: HttpStatusCode.BadRequest }:
                // Paydesk derives its keys from its own ids, so a key reused for other parameters is a defect, not a decline.
                LogKeyReused(_logger, exception);
                return new PaymentGatewayFailedException("gateway_idempotency_conflict", "The payment gateway saw this operation's idempotency key with other parameters before.", exception);
            case StripeException { HttpStatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } stripe:
                LogCredentialsRejected(_logger, (int)stripe.HttpStatusCode, StripeGatewayOptions.SecretKeyKey);
                return new PaymentGatewayFailedException(
                    "gateway_authentication_failed",
                    "The payment gateway refused Paydesk's credentials. The operator has been alerted; the payment was not charged.");
            case StripeException { HttpStatusCode: HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests } or StripeException { HttpStatusCode: >= HttpStatusCode.InternalServerError }:
            case StripeException { HttpStatusCode: 0 }:
            case HttpRequestException or TimeoutRejectedException or IOException:
                return new PaymentGatewayUnavailableException("The payment gateway did not answer in time; the outcome is unknown.", exception);
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                return new PaymentGatewayUnavailableException("The payment gateway call timed out; the outcome is unknown.", exception);
            case StripeException stripe:
                LogUnexpected(_logger, stripe, (int)stripe.HttpStatusCode, stripe.StripeError?.Type, stripe.StripeError?.Code);
                return new PaymentGatewayFailedException("gateway_invalid_response", "The payment gateway gave an answer Paydesk cannot accept.", exception);
            default:
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stripe refused the API key (HTTP {Status}): check the configuration key {ConfigurationKey}")]
    private static partial void LogCredentialsRejected(ILogger logger, int status, string configurationKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stripe refused a reused idempotency key: the same key was sent with other parameters")]
    private static partial void LogKeyReused(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stripe answered HTTP {Status} ({Type}/{Code}), which Paydesk does not expect")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, int status, string? type, string? code);
}
