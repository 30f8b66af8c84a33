using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.Config;
using Polly;
using Polly.Timeout;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

internal static class StripeRegistration
{
    /// <summary>The named HttpClient the Stripe adapter sends through.</summary>
    public const string HttpClientName = "stripe";

    /// <summary>
    /// How long one pooled connection to Stripe is reused before a new one is opened, so DNS changes
    /// are followed although the adapter keeps one HttpClient for the life of the process.
    /// </summary>
    internal static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The Stripe adapter: one instance for the process, over a named HttpClient from
    /// IHttpClientFactory. Its resilience pipeline is the one retry layer (Stripe.net's own retries
    /// are off): total timeout → retry → per-attempt timeout. Only requests that are safe to repeat
    /// are retried: GETs, and POSTs that carry an Idempotency-Key.
    /// </summary>
    /// <remarks>
    /// The adapter is a singleton because a <see cref="global::Stripe.StripeClient"/> is costly to
    /// build: Stripe.net reads its assembly's file version for the user-agent header and builds its
    /// serializer state per client. As a typed client (transient) that happened on every charge.
    /// A singleton may keep its HttpClient only if the handler underneath never expires and bounds
    /// its connections' lifetime itself: the pattern Microsoft documents for IHttpClientFactory.
    /// </remarks>
    public static IServiceCollection AddStripeGateway(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<StripeGatewayOptions>, StripeGatewayOptionsValidator>();
        services.AddOptions<StripeGatewayOptions>()
            .BindConfiguration(StripeGatewayOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = false)
            .ValidateOnStart();

        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StripePaymentGateway>(
            sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StripePaymentMethodGateway>(
            sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = PooledConnectionLifetime)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("stripe", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<StripeGatewayOptions>>().Value;
                pipeline.AddTimeout(options.TotalTimeout);
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = options.RetryBaseDelay,
                        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                    });
                }

                pipeline.AddTimeout(options.AttemptTimeout);
            });
        return services;
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var request = outcome.Result?.RequestMessage ?? context.GetRequestMessage();
        if (request is null || !(request.Method == HttpMethod.Get || request.Headers.Contains("Idempotency-Key")))
        {
            return false;
        }

        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException or IOException;
        }

        var response = outcome.Result!;
        if (response.Headers.TryGetValues("Stripe-Should-Retry", out var advice) && advice.Contains("false", StringComparer.Ordinal))
        {
            return false;
        }

        return response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
    }
}

/// <summary>The Stripe settings are checked at start-up only when Stripe is the chosen gateway.</summary>
internal sealed class StripeGatewayOptionsValidator(IOptions<PaymentGatewayOptions> gateway) : IValidateOptions<StripeGatewayOptions>
{
    private readonly SectionValidator<StripeGatewayOptions> _section = new(StripeGatewayOptions.SectionName);

    public ValidateOptionsResult Validate(string? name, StripeGatewayOptions options) =>
        gateway.Value.Provider == PaymentGatewayProvider.Stripe ? _section.Validate(name, options) : ValidateOptionsResult.Skip;
}
