using global::Stripe;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>How each Stripe adapter builds its one client over the named HttpClient.</summary>
internal static class StripeClients
{
    public static StripeClient Create(HttpClient httpClient, StripeGatewayOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        StripeOptionsReflection.Hold();

        // maxNetworkRetries: 0 because the HttpClient's resilience handler retries; enableTelemetry:
        // false so no request metrics are sent to Stripe.
        return new StripeClient(new StripeClientOptions
        {
            ApiKey = settings.SecretKey,
            ApiBase = settings.ApiBase.TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(httpClient, maxNetworkRetries: 0, appInfo: null, enableTelemetry: false),
        });
    }
}
