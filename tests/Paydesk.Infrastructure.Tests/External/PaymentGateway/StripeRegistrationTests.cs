using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.External.PaymentGateway.Stripe;

namespace Paydesk.Infrastructure.Tests.External.PaymentGateway;

/// <summary>How the Stripe adapter is wired: one Stripe client per process, over connections that still expire.</summary>
public sealed class StripeRegistrationTests
{
    [Fact]
    public async Task One_Stripe_adapter_serves_every_charge()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var first = harness.Gateway;
        var second = harness.Gateway;

        var charged = await first.ChargeAsync(GatewayHarness.Charge(), CancellationToken.None);
        var chargedAgain = await second.ChargeAsync(GatewayHarness.Charge(), CancellationToken.None);

        Assert.Same(first, second);
        Assert.StartsWith("pi_", charged.Reference, StringComparison.Ordinal);
        Assert.StartsWith("pi_", chargedAgain.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_long_lived_client_sends_over_connections_that_are_recycled()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var factoryOptions = harness.Services.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(StripeRegistration.HttpClientName);

        var handler = harness.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(StripeRegistration.HttpClientName);

        // The factory never swaps the handler of the client the adapter keeps, so the primary handler
        // itself must close connections after a while, or a DNS change would never be seen.
        Assert.Equal(Timeout.InfiniteTimeSpan, factoryOptions.HandlerLifetime);
        var primary = PrimaryHandlerOf(handler);
        var sockets = Assert.IsType<SocketsHttpHandler>(primary);
        Assert.Equal(StripeRegistration.PooledConnectionLifetime, sockets.PooledConnectionLifetime);
        Assert.True(sockets.PooledConnectionLifetime > TimeSpan.Zero, "Connections to Stripe must expire.");
    }

    private static HttpMessageHandler PrimaryHandlerOf(HttpMessageHandler handler)
    {
        while (handler is DelegatingHandler { InnerHandler: { } inner })
        {
            handler = inner;
        }

        return handler;
    }
}
