using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>
/// The sandbox's 3-D Secure page in a real browser (Debian's Chromium, from PAYDESK_TEST_CHROMIUM):
/// it shows the amount, and either button settles the PaymentIntent once, sends the signed webhook
/// and brings the browser back to the shop's <c>return_url</c>.
/// </summary>
public sealed class AuthenticationPageBrowserTests : IAsyncLifetime
{
    public const string EnvironmentVariable = "PAYDESK_TEST_CHROMIUM";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private StripeNetSession _session = null!;
    private WebApplication _shop = null!;
    private Uri _shopOrigin = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _session = await StripeNetSession.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _shop = builder.Build();
        _shop.MapGet("/return", () => Results.Content("<!DOCTYPE html><title>Shop</title><h1>Back at the shop</h1>", "text/html"));
        await _shop.StartAsync();
        _shopOrigin = new Uri(_shop.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _shop.DisposeAsync();
        await _session.DisposeAsync();
    }

    [Fact]
    public async Task Complete_authentication_succeeds_the_payment_once_and_returns_to_the_shop()
    {
        var paymentId = Guid.NewGuid().ToString();
        var pi = await RequireActionAsync(paymentId);
        var page = await OpenAsync(pi.NextAction.RedirectToUrl.Url);
        var stale = await OpenAsync(pi.NextAction.RedirectToUrl.Url);

        await page.GetByRole(AriaRole.Button, new() { Name = "Complete authentication" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(_shopOrigin.ToString(), StringComparison.Ordinal));
        await stale.GetByRole(AriaRole.Button, new() { Name = "Complete authentication" }).ClickAsync();
        await Assertions.Expect(stale.Locator("h1")).ToContainTextAsync("already completed", new() { Timeout = (float)Deadline.TotalMilliseconds });

        Assert.Equal($"{_shopOrigin}return?order=7&payment_intent={pi.Id}&payment_intent_client_secret={pi.ClientSecret}&redirect_status=succeeded", page.Url);
        Assert.Equal("Back at the shop", await page.Locator("h1").TextContentAsync());
        var succeeded = await _session.Client.V1.PaymentIntents.GetAsync(pi.Id);
        Assert.Equal(("succeeded", 1234L), (succeeded.Status, succeeded.AmountReceived));
        Assert.NotNull(succeeded.LatestChargeId);
        var sent = Assert.Single(_session.EventsFor(pi.Id));
        Assert.Equal(("payment_intent.succeeded", paymentId), (sent.Type, sent.Object.GetProperty("metadata").GetProperty("paydesk_payment_id").GetString()));
    }

    [Fact]
    public async Task Fail_authentication_leaves_the_payment_waiting_for_a_method_and_returns_to_the_shop()
    {
        var paymentId = Guid.NewGuid().ToString();
        var pi = await RequireActionAsync(paymentId);
        var page = await OpenAsync(pi.NextAction.RedirectToUrl.Url);

        await page.GetByRole(AriaRole.Button, new() { Name = "Fail authentication" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(_shopOrigin.ToString(), StringComparison.Ordinal));

        Assert.EndsWith($"payment_intent={pi.Id}&payment_intent_client_secret={pi.ClientSecret}&redirect_status=failed", page.Url, StringComparison.Ordinal);
        var failed = await _session.Client.V1.PaymentIntents.GetAsync(pi.Id);
        Assert.Equal(("requires_payment_method", "payment_intent_authentication_failure", "card_error"), (failed.Status, failed.LastPaymentError.Code, failed.LastPaymentError.Type));
        var sent = Assert.Single(_session.EventsFor(pi.Id));
        Assert.Equal(("payment_intent.payment_failed", paymentId), (sent.Type, sent.Object.GetProperty("metadata").GetProperty("paydesk_payment_id").GetString()));
    }

    private async Task<PaymentIntent> RequireActionAsync(string paymentId)
    {
        var pi = await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1234,
            Currency = "eur",
            PaymentMethod = SandboxPaymentMethods.ThreeDSecure2Required,
            Confirm = true,
            ReturnUrl = new Uri(_shopOrigin, "/return?order=7").ToString(),
            Metadata = new() { ["paydesk_payment_id"] = paymentId },
        });
        Assert.Equal("requires_action", pi.Status);
        return pi;
    }

    private async Task<IPage> OpenAsync(string url)
    {
        var page = await _browser.NewPageAsync();
        page.SetDefaultTimeout((float)Deadline.TotalMilliseconds);
        await page.GotoAsync(url);
        Assert.Equal("12.34 EUR", await page.Locator(".what").TextContentAsync());
        return page;
    }

    private static string Chromium =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with ./scripts/test.sh, which installs Debian's chromium, or set {EnvironmentVariable} to a Chromium binary.");
}
