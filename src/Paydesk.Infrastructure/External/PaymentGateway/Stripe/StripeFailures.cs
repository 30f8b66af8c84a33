using System.Net;
using global::Stripe;
using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Polly.Timeout;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// How every Stripe adapter turns a transport or protocol failure into the ports' exceptions, so
/// charges and saved methods fail the same way (unknown answer, refused credentials, bad answer).
/// </summary>
internal static partial class StripeFailures
{
    /// <summary>The port's exception for <paramref name="exception"/>; null leaves it alone.</summary>
    public static Exception? Translate(Exception exception, CancellationToken cancellationToken, ILogger logger)
    {
        switch (exception)
        {
            case PaymentGatewayFailedException:
                return null;
            case StripeException { StripeError.Type: "idempotency_error", HttpStatusCode: HttpStatusCode.BadRequest }:
                // Paydesk derives its keys from its own ids, so a key reused for other parameters is a defect, not a decline.
                LogKeyReused(logger, exception);
                return new PaymentGatewayFailedException("gateway_idempotency_conflict", "The payment gateway saw this operation's idempotency key with other parameters before.", exception);
            case StripeException { HttpStatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } stripe:
                LogCredentialsRejected(logger, (int)stripe.HttpStatusCode, StripeGatewayOptions.SecretKeyKey);
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
                LogUnexpected(logger, stripe, (int)stripe.HttpStatusCode, stripe.StripeError?.Type, stripe.StripeError?.Code);
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
