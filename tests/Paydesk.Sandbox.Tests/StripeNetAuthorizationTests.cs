using Microsoft.Extensions.Time.Testing;
using Paydesk.TestSupport;
using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>Authorizing with <c>capture_method=manual</c> (<c>requires_capture</c>, <c>capture_before</c>) and the lapse of an authorization, through Stripe.net.</summary>
public sealed class StripeNetAuthorizationTests : IAsyncLifetime
{
    private const long Authorized = 2500;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private StripeNetSession _session = null!;

    public async Task InitializeAsync() => _session = await StripeNetSession.StartAsync(clock: _clock);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Manual_confirmation_requires_capture_with_the_amount_capturable_and_sends_amount_capturable_updated()
    {
        var pi = await _session.AuthorizeAsync(Authorized);

        Assert.Equal(("requires_capture", "manual", Authorized, 0L), (pi.Status, pi.CaptureMethod, pi.AmountCapturable, pi.AmountReceived));
        Assert.StartsWith("ch_", pi.LatestChargeId, StringComparison.Ordinal);
        await Eventually.True(() => _session.EventTypesFor(pi.Id).Contains("payment_intent.amount_capturable_updated"), "payment_intent.amount_capturable_updated is sent");
    }

    [Fact]
    public async Task Expanded_latest_charge_has_capture_before_the_authorization_lifetime()
    {
        var created = await _session.AuthorizeAsync(Authorized, expand: true);
        var retrieved = await _session.Client.V1.PaymentIntents.GetAsync(created.Id, new PaymentIntentGetOptions { Expand = ["latest_charge"] });
        var charge = await _session.Client.V1.Charges.GetAsync(created.LatestChargeId);

        var captureBefore = _clock.GetUtcNow().UtcDateTime.AddDays(7);
        Assert.All([created.LatestCharge, retrieved.LatestCharge, charge], c =>
        {
            Assert.Equal((created.LatestChargeId, created.Id, false, "succeeded"), (c.Id, c.PaymentIntentId, c.Captured, c.Status));
            Assert.Equal(captureBefore, c.PaymentMethodDetails.Card.CaptureBefore);
        });
    }

    [Fact]
    public async Task Authorization_not_captured_within_its_lifetime_is_canceled_automatically_with_the_webhook()
    {
        var pi = await _session.AuthorizeAsync(Authorized);

        _clock.Advance(TimeSpan.FromDays(7));

        await Eventually.True(() => _session.EventTypesFor(pi.Id).Contains("payment_intent.canceled"), "payment_intent.canceled is sent when the authorization lapses");
        var lapsed = await _session.Client.V1.PaymentIntents.GetAsync(pi.Id);
        Assert.Equal(("canceled", "automatic", 0L), (lapsed.Status, lapsed.CancellationReason, lapsed.AmountCapturable));
        var capture = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id));
        Assert.Equal("payment_intent_unexpected_state", capture.StripeError.Code);
    }

    [Fact]
    public async Task Lapse_helper_cancels_an_authorization_now_with_the_webhook_and_only_once()
    {
        var pi = await _session.AuthorizeAsync(Authorized);

        var lapsed = await _session.Emulator.LapseAuthorizationAsync(pi.Id, CancellationToken.None);
        var again = await _session.Emulator.LapseAuthorizationAsync(pi.Id, CancellationToken.None);

        Assert.Equal((true, false), (lapsed, again));
        Assert.Equal("automatic", (await _session.Client.V1.PaymentIntents.GetAsync(pi.Id)).CancellationReason);
        Assert.Single(_session.EventTypesFor(pi.Id), "payment_intent.canceled");
    }

    [Fact]
    public async Task Captured_intent_does_not_lapse()
    {
        var pi = await _session.AuthorizeAsync(Authorized);
        await _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id);
        var uncaptured = await _session.AuthorizeAsync(Authorized);

        _clock.Advance(TimeSpan.FromDays(8));

        // The uncaptured one lapsing shows that the lifetime has run out for both.
        await Eventually.True(() => _session.EventTypesFor(uncaptured.Id).Contains("payment_intent.canceled"), "the uncaptured authorization lapses");
        Assert.Equal(("succeeded", 0L), await _session.StatusAsync(pi.Id));
        Assert.DoesNotContain("payment_intent.canceled", _session.EventTypesFor(pi.Id));
    }

    [Fact]
    public async Task Expand_written_with_empty_brackets_expands_too_and_an_unknown_charge_is_404()
    {
        var pi = await _session.AuthorizeAsync(Authorized);
        using var http = new HttpClient { BaseAddress = _session.Emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestKeys.SecretKey);

        using var expanded = await http.GetAsync($"/v1/payment_intents/{pi.Id}?expand[]=latest_charge");
        using var missing = await http.GetAsync("/v1/charges/ch_missing");

        using var json = System.Text.Json.JsonDocument.Parse(await expanded.Content.ReadAsStringAsync());
        var charge = json.RootElement.GetProperty("latest_charge");
        Assert.Equal(("charge", pi.LatestChargeId), (charge.GetProperty("object").GetString(), charge.GetProperty("id").GetString()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("automatic")]
    [InlineData("automatic_async")]
    public async Task Automatic_capture_methods_capture_at_once(string captureMethod)
    {
        var pi = await _session.AuthorizeAsync(Authorized, captureMethod: captureMethod);

        Assert.Equal(("succeeded", captureMethod, Authorized, 0L), (pi.Status, pi.CaptureMethod, pi.AmountReceived, pi.AmountCapturable));
    }

    [Fact]
    public async Task Manual_intent_confirmed_later_requires_capture_too()
    {
        var created = await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = Authorized, Currency = "eur", PaymentMethod = SandboxPaymentMethods.Mastercard, CaptureMethod = "manual" });

        var confirmed = await _session.Client.V1.PaymentIntents.ConfirmAsync(created.Id);

        Assert.Equal(("requires_confirmation", "requires_capture", Authorized), (created.Status, confirmed.Status, confirmed.AmountCapturable));
    }

    [Fact]
    public async Task Manual_intent_authenticated_with_3d_secure_requires_capture_and_sends_amount_capturable_updated()
    {
        var pi = await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = Authorized,
            Currency = "eur",
            PaymentMethod = SandboxPaymentMethods.AuthenticationRequired,
            CaptureMethod = "manual",
            Confirm = true,
            ReturnUrl = "https://shop.example/return",
        });

        var settled = await _session.Emulator.AuthenticateAsync(pi.Id, complete: true, CancellationToken.None);

        Assert.Equal(("requires_action", true), (pi.Status, settled));
        Assert.Equal(("requires_capture", Authorized), await _session.StatusAsync(pi.Id));
        Assert.Contains("payment_intent.amount_capturable_updated", _session.EventTypesFor(pi.Id));
        Assert.DoesNotContain("payment_intent.succeeded", _session.EventTypesFor(pi.Id));
    }

    [Fact]
    public async Task Manual_intent_that_settles_later_requires_capture_and_sends_amount_capturable_updated()
    {
        var pi = await _session.AuthorizeAsync(Authorized, method: SandboxPaymentMethods.Processing);

        await _session.Emulator.SettleAsync(pi.Id, CancellationToken.None);

        Assert.Equal(("processing", ("requires_capture", Authorized)), (pi.Status, await _session.StatusAsync(pi.Id)));
        Assert.Equal(["payment_intent.amount_capturable_updated"], _session.EventTypesFor(pi.Id));
    }
}
