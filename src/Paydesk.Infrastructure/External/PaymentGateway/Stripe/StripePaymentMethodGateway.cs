using System.Net;
using global::Stripe;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Application.Abstractions;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// Customers, SetupIntents and PaymentMethods at Stripe, over the same HttpClient and resilience
/// pipeline as charges. Creating calls carry keys derived from Paydesk's ids, so the pipeline may
/// retry them (and a concurrent duplicate's 409 is retried). Answers are validated before use.
/// </summary>
public sealed class StripePaymentMethodGateway : IPaymentMethodGateway
{
    // Stripe's answer when a PaymentMethod is not attached to any customer (already detached).
    private const string NotAttachedMessage = "not attached";

    private readonly StripeClient _client;
    private readonly ILogger<StripePaymentMethodGateway> _logger;

    public StripePaymentMethodGateway(HttpClient httpClient, IOptions<StripeGatewayOptions> options, ILogger<StripePaymentMethodGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = StripeClients.Create(httpClient, options.Value);
        _logger = logger;
    }

    public Task<string> EnsureCustomerAsync(GatewayCustomerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new CustomerCreateOptions
        {
            Email = request.Email,
            Name = request.Name,
            Metadata = StripeMetadata.With(request.Metadata, (StripeMetadata.UserId, request.UserId.Value.ToString())),
        };
        return CallAsync(
            async () => StripePaymentMethodValidation.Validate(
                await _client.V1.Customers.CreateAsync(options, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken),
                request.UserId),
            cancellationToken);
    }

    public Task<GatewaySetup> CreateSetupAsync(GatewaySetupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new SetupIntentCreateOptions
        {
            Customer = request.CustomerId,
            Usage = "off_session",
            Metadata = new Dictionary<string, string> { [StripeMetadata.UserId] = request.UserId.Value.ToString() },
        };

        // Card only: Paydesk keeps a card's summary and nothing else. Stripe.net has no typed
        // option for it, Stripe's API does.
        options.AddExtraParam("payment_method_types[0]", "card");
        return CallAsync(
            async () => StripePaymentMethodValidation.Validate(
                await _client.V1.SetupIntents.CreateAsync(options, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken),
                request.CustomerId),
            cancellationToken);
    }

    public Task<GatewaySetup?> GetSetupAsync(string setupId, CancellationToken cancellationToken) =>
        CallAsync(
            async () => await NullWhenMissingAsync(async () =>
                StripePaymentMethodValidation.Validate(await _client.V1.SetupIntents.GetAsync(setupId, null, null, cancellationToken), expectedCustomer: null)),
            cancellationToken);

    public Task<GatewayPaymentMethod> AttachAsync(string paymentMethod, string customerId, string idempotencyKey, CancellationToken cancellationToken) =>
        CallAsync(
            async () => StripePaymentMethodValidation.Validate(
                await _client.V1.PaymentMethods.AttachAsync(
                    paymentMethod,
                    new PaymentMethodAttachOptions { Customer = customerId },
                    new RequestOptions { IdempotencyKey = idempotencyKey },
                    cancellationToken),
                customerId),
            cancellationToken);

    public Task<GatewayPaymentMethod?> GetPaymentMethodAsync(string paymentMethod, CancellationToken cancellationToken) =>
        CallAsync(
            async () => await NullWhenMissingAsync(async () =>
                StripePaymentMethodValidation.Validate(await _client.V1.PaymentMethods.GetAsync(paymentMethod, null, null, cancellationToken), expectedCustomer: null)),
            cancellationToken);

    public Task DetachAsync(string paymentMethod, CancellationToken cancellationToken) =>
        CallAsync<object?>(
            async () =>
            {
                try
                {
                    // The key lets the pipeline retry a lost answer; detaching twice detaches once.
                    await _client.V1.PaymentMethods.DetachAsync(paymentMethod, null, new RequestOptions { IdempotencyKey = $"detach_{paymentMethod}" }, cancellationToken);
                }
                catch (StripeException ex) when (IsRefusal(ex) && (ex.StripeError?.Code == "resource_missing"
                    || ex.StripeError?.Message?.Contains(NotAttachedMessage, StringComparison.OrdinalIgnoreCase) == true))
                {
                    // Gone or already detached at Stripe: the end the caller wanted.
                }

                return null;
            },
            cancellationToken);

    private static async Task<T?> NullWhenMissingAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (StripeException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound || ex.StripeError?.Code == "resource_missing")
        {
            return null;
        }
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (StripeException ex) when (IsRefusal(ex))
        {
            // Stripe refused the request itself (an unknown or unusable method, an unknown customer,
            // a declined card on attach): nothing was saved.
            throw new PaymentMethodRefusedException(ex.StripeError?.Code ?? ex.StripeError?.Type ?? "payment_method_refused", ex.StripeError?.Message ?? "The payment gateway refused the payment method.");
        }
        catch (Exception ex) when (StripeFailures.Translate(ex, cancellationToken, _logger) is { } translated)
        {
            throw translated;
        }
    }

    private static bool IsRefusal(StripeException ex) =>
        ex.StripeError?.Type is "card_error" || (ex.StripeError?.Type == "invalid_request_error" && ex.HttpStatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.PaymentRequired);
}
