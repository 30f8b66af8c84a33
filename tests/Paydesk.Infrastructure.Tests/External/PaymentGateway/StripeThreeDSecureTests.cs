using System.Net;
using System.Text.RegularExpressions;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Payments;
using Paydesk.Sandbox;

namespace Paydesk.Infrastructure.Tests.External.PaymentGateway;

/// <summary>The Stripe adapter's 3-D Secure calls against the emulator over real HTTP.</summary>
public sealed partial class StripeThreeDSecureTests
{
    private const string ReturnUrl = "https://shop.example/checkout/done";

    private static GatewayChargeRequest OnSession(string method) =>
        GatewayHarness.Charge(method) with { Method = new ChargeMethod(method, null, OffSession: false, ReturnUrl) };

    [Theory]
    [InlineData(SandboxPaymentMethods.AuthenticationRequired)]
    [InlineData(SandboxPaymentMethods.ThreeDSecure2Required)]
    public async Task On_session_a_card_that_needs_authentication_requires_action_with_a_redirect_and_the_client_secret(string method)
    {
        await using var harness = await GatewayHarness.StartAsync();

        var result = await harness.Gateway.ChargeAsync(OnSession(method), CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.RequiresAction, result.Status);
        Assert.Equal(PaymentNextAction.RedirectToUrl, result.NextAction?.Type);
        Assert.StartsWith(harness.Emulator.BaseAddress.GetLeftPart(UriPartial.Authority), result.NextAction?.Url, StringComparison.Ordinal);
        Assert.StartsWith($"{result.Reference}_secret_", result.ClientSecret, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_session_a_card_that_needs_authentication_fails_with_authentication_required()
    {
        await using var harness = await GatewayHarness.StartAsync();

        var result = await harness.Gateway.ChargeAsync(GatewayHarness.Charge(SandboxPaymentMethods.ThreeDSecure2Required), CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Failed, result.Status);
        Assert.Equal("authentication_required", result.FailureCode);
        Assert.Null(result.ClientSecret);
    }

    [Fact]
    public async Task Canceling_an_unauthenticated_charge_fails_it_as_abandoned()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = OnSession(SandboxPaymentMethods.AuthenticationRequired);
        var waiting = await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        var result = await harness.Gateway.CancelAsync(request, waiting.Reference!, CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Failed, result.Status);
        Assert.Equal("authentication_abandoned", result.FailureCode);
        Assert.Equal("canceled", harness.Emulator.PaymentIntentStatusFor(request.PaymentId.Value));
    }

    [Fact]
    public async Task Canceling_twice_is_one_cancel_under_the_derived_key()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = OnSession(SandboxPaymentMethods.AuthenticationRequired);
        var waiting = await harness.Gateway.ChargeAsync(request, CancellationToken.None);
        await harness.Gateway.CancelAsync(request, waiting.Reference!, CancellationToken.None);

        var again = await harness.Gateway.CancelAsync(request, waiting.Reference!, CancellationToken.None);

        Assert.Equal("authentication_abandoned", again.FailureCode);
    }

    [Fact]
    public async Task Canceling_a_charge_the_payer_authenticated_first_answers_its_success()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = OnSession(SandboxPaymentMethods.AuthenticationRequired);
        var waiting = await harness.Gateway.ChargeAsync(request, CancellationToken.None);
        await PressAsync(waiting.NextAction!.Url!, "complete");

        var result = await harness.Gateway.CancelAsync(request, waiting.Reference!, CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Succeeded, result.Status);
        Assert.Equal("succeeded", harness.Emulator.PaymentIntentStatusFor(request.PaymentId.Value));
    }

    // What the page's button does: posts its form back (the browser test presses the real button).
    private static async Task PressAsync(string pageUrl, string outcome)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await client.GetStringAsync(new Uri(pageUrl));
        var token = TokenField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["outcome"] = outcome });
        using var response = await client.PostAsync(new Uri(new Uri(pageUrl).GetLeftPart(UriPartial.Path)), form);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
