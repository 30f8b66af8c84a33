using System.Net;
using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>The 3-D Secure page over plain HTTP: its link is the only key, and amounts read as people write them.</summary>
public sealed class AuthenticationPageTests : IAsyncLifetime
{
    private StripeNetSession _session = null!;

    public async Task InitializeAsync() => _session = await StripeNetSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Theory]
    [InlineData(1234, "eur", "12.34 EUR")]
    [InlineData(123456, "usd", "1,234.56 USD")]
    [InlineData(500, "jpy", "500 JPY")]
    [InlineData(1500, "kwd", "1.500 KWD")]
    public void Amount_is_shown_in_the_currency_s_major_unit(long amount, string currency, string shown) =>
        Assert.Equal(shown, AuthenticationPage.FormatAmount(amount, currency));

    [Fact]
    public async Task Wrong_token_is_404_and_settles_nothing()
    {
        var pi = await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1000, Currency = "eur", PaymentMethod = SandboxPaymentMethods.AuthenticationRequired, Confirm = true, ReturnUrl = "https://shop.example/return",
        });
        var forged = new Uri($"{new Uri(pi.NextAction.RedirectToUrl.Url).GetLeftPart(UriPartial.Path)}?token={new string('0', 32)}");
        using var http = new HttpClient();

        using var page = await http.GetAsync(forged);
        using var press = await AuthenticationPageClient.PressAsync(forged, "complete");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, press.StatusCode));
        Assert.Equal("requires_action", (await _session.Client.V1.PaymentIntents.GetAsync(pi.Id)).Status);
        Assert.Empty(_session.EventsFor(pi.Id));
    }

    [Fact]
    public async Task Page_without_return_url_says_so_after_the_press()
    {
        var pi = await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1000, Currency = "eur", PaymentMethod = SandboxPaymentMethods.ThreeDSecure2Required, Confirm = true,
        });

        using var press = await AuthenticationPageClient.PressAsync(new Uri(pi.NextAction.UseStripeSdk["stripe_js"].ToString()!), "complete");

        Assert.Equal(HttpStatusCode.OK, press.StatusCode);
        Assert.Contains("Authentication completed", await press.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("succeeded", (await _session.Client.V1.PaymentIntents.GetAsync(pi.Id)).Status);
    }

    [Fact]
    public async Task Emulator_settles_an_authentication_for_tests_once_without_a_browser()
    {
        var pi = await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1000, Currency = "eur", PaymentMethod = SandboxPaymentMethods.AuthenticationRequired, Confirm = true, ReturnUrl = "https://shop.example/return",
        });

        var first = await _session.Emulator.AuthenticateAsync(pi.Id, complete: false, CancellationToken.None);
        var second = await _session.Emulator.AuthenticateAsync(pi.Id, complete: true, CancellationToken.None);

        Assert.Equal((true, false), (first, second));
        Assert.Equal("requires_payment_method", (await _session.Client.V1.PaymentIntents.GetAsync(pi.Id)).Status);
        Assert.Equal("payment_intent.payment_failed", Assert.Single(_session.EventsFor(pi.Id)).Type);
    }
}
