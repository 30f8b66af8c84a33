using System.Net;
using Microsoft.Extensions.Time.Testing;
using Paydesk.TestSupport;
using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>Authorize now, capture later (<c>capture_method=manual</c>), through Stripe.net.</summary>
public sealed class StripeNetCaptureTests : IAsyncLifetime
{
    private const long Authorized = 2500;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private StripeNetSession _session = null!;

    public async Task InitializeAsync() => _session = await StripeNetSession.StartAsync(clock: _clock);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Manual_confirmation_requires_capture_with_the_amount_capturable_and_sends_amount_capturable_updated()
    {
        var pi = await AuthorizeAsync();

        Assert.Equal(("requires_capture", "manual", Authorized, 0L), (pi.Status, pi.CaptureMethod, pi.AmountCapturable, pi.AmountReceived));
        Assert.StartsWith("ch_", pi.LatestChargeId, StringComparison.Ordinal);
        await Eventually.True(() => _session.EventTypesFor(pi.Id).Contains("payment_intent.amount_capturable_updated"), "payment_intent.amount_capturable_updated is sent");
    }

    [Fact]
    public async Task Expanded_latest_charge_has_capture_before_the_authorization_lifetime()
    {
        var created = await AuthorizeAsync(expand: true);
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
    public async Task Full_capture_succeeds_with_everything_received_and_sends_payment_intent_succeeded()
    {
        var pi = await AuthorizeAsync();

        var captured = await _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id, new PaymentIntentCaptureOptions { Expand = ["latest_charge"] });

        Assert.Equal(("succeeded", Authorized, 0L), (captured.Status, captured.AmountReceived, captured.AmountCapturable));
        Assert.Equal((true, Authorized), (captured.LatestCharge.Captured, captured.LatestCharge.AmountCaptured));
        await Eventually.True(() => _session.EventTypesFor(pi.Id).Contains("payment_intent.succeeded"), "payment_intent.succeeded is sent");
    }

    [Fact]
    public async Task Partial_capture_receives_the_amount_to_capture_and_refunds_only_that()
    {
        var pi = await AuthorizeAsync();

        var captured = await _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id, new PaymentIntentCaptureOptions { AmountToCapture = 1000 });
        var tooMuch = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id, Amount = 1001 }));
        var refund = await _session.Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id });

        Assert.Equal(("succeeded", 1000L, 0L), (captured.Status, captured.AmountReceived, captured.AmountCapturable));
        Assert.Equal(("amount_too_large", "amount"), (tooMuch.StripeError.Code, tooMuch.StripeError.Param));
        Assert.Equal(1000L, refund.Amount);
    }

    [Fact]
    public async Task Capture_of_more_than_capturable_is_400_amount_too_large_and_changes_nothing()
    {
        var pi = await AuthorizeAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id, new PaymentIntentCaptureOptions { AmountToCapture = Authorized + 1 }));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "amount_too_large", "amount_to_capture"), (error.HttpStatusCode, error.StripeError.Type, error.StripeError.Code, error.StripeError.Param));
        Assert.Equal(("requires_capture", Authorized), await StatusAsync(pi.Id));
    }

    [Fact]
    public async Task Second_capture_is_refused_with_the_succeeded_intent_and_a_replay_of_the_first_is_not()
    {
        var pi = await AuthorizeAsync();
        var key = new RequestOptions { IdempotencyKey = Guid.NewGuid().ToString() };
        var first = await _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id, new PaymentIntentCaptureOptions { AmountToCapture = 700 }, key);

        var replay = await _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id, new PaymentIntentCaptureOptions { AmountToCapture = 700 }, key);
        var second = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id, new PaymentIntentCaptureOptions { AmountToCapture = 700 }));

        Assert.Equal((first.Id, "succeeded", 700L), (replay.Id, replay.Status, replay.AmountReceived));
        Assert.Equal((HttpStatusCode.BadRequest, "payment_intent_unexpected_state"), (second.HttpStatusCode, second.StripeError.Code));
        Assert.Equal("succeeded", second.StripeError.PaymentIntent.Status);
        await Eventually.True(() => _session.EventTypesFor(pi.Id).Contains("payment_intent.succeeded"), "payment_intent.succeeded is sent");
        Assert.Equal(1, _session.EventTypesFor(pi.Id).Count(t => t == "payment_intent.succeeded"));
    }

    [Fact]
    public async Task Capture_of_a_canceled_intent_is_refused_with_stripes_message()
    {
        var pi = await AuthorizeAsync();
        await _session.Client.V1.PaymentIntents.CancelAsync(pi.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_unexpected_state"), (error.HttpStatusCode, error.StripeError.Type, error.StripeError.Code));
        Assert.Equal(
            "This PaymentIntent could not be captured because it has a status of canceled. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.",
            error.StripeError.Message);
        Assert.Equal(("canceled", pi.Id), (error.StripeError.PaymentIntent.Status, error.StripeError.PaymentIntent.Id));
    }

    [Fact]
    public async Task Cancel_of_an_authorization_releases_it_and_sends_payment_intent_canceled()
    {
        var pi = await AuthorizeAsync();

        var canceled = await _session.Client.V1.PaymentIntents.CancelAsync(pi.Id, new PaymentIntentCancelOptions { CancellationReason = "requested_by_customer" });

        Assert.Equal(("canceled", "requested_by_customer", 0L, 0L), (canceled.Status, canceled.CancellationReason, canceled.AmountCapturable, canceled.AmountReceived));
        Assert.True((await _session.Client.V1.Charges.GetAsync(pi.LatestChargeId)).Refunded);
        await Eventually.True(() => _session.EventTypesFor(pi.Id).Contains("payment_intent.canceled"), "payment_intent.canceled is sent");
    }

    [Fact]
    public async Task Refund_of_an_uncaptured_intent_is_400_charge_not_refundable()
    {
        var pi = await AuthorizeAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id }));

        Assert.Equal((HttpStatusCode.BadRequest, "charge_not_refundable"), (error.HttpStatusCode, error.StripeError.Code));
    }

    [Fact]
    public async Task Authorization_not_captured_within_its_lifetime_is_canceled_automatically_with_the_webhook()
    {
        var pi = await AuthorizeAsync();

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
        var pi = await AuthorizeAsync();

        var lapsed = await _session.Emulator.LapseAuthorizationAsync(pi.Id, CancellationToken.None);
        var again = await _session.Emulator.LapseAuthorizationAsync(pi.Id, CancellationToken.None);

        Assert.Equal((true, false), (lapsed, again));
        Assert.Equal("automatic", (await _session.Client.V1.PaymentIntents.GetAsync(pi.Id)).CancellationReason);
        Assert.Single(_session.EventTypesFor(pi.Id), "payment_intent.canceled");
    }

    [Fact]
    public async Task Captured_intent_does_not_lapse()
    {
        var pi = await AuthorizeAsync();
        await _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id);
        var uncaptured = await AuthorizeAsync();

        _clock.Advance(TimeSpan.FromDays(8));

        // The uncaptured one lapsing shows that the lifetime has run out for both.
        await Eventually.True(() => _session.EventTypesFor(uncaptured.Id).Contains("payment_intent.canceled"), "the uncaptured authorization lapses");
        Assert.Equal(("succeeded", 0L), await StatusAsync(pi.Id));
        Assert.DoesNotContain("payment_intent.canceled", _session.EventTypesFor(pi.Id));
    }

    [Theory]
    [InlineData("automatic")]
    [InlineData("automatic_async")]
    public async Task Automatic_capture_methods_capture_at_once(string captureMethod)
    {
        var pi = await AuthorizeAsync(captureMethod: captureMethod);

        Assert.Equal(("succeeded", captureMethod, Authorized, 0L), (pi.Status, pi.CaptureMethod, pi.AmountReceived, pi.AmountCapturable));
    }

    [Fact]
    public async Task Manual_intent_confirmed_later_requires_capture_too()
    {
        var created = await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = Authorized, Currency = "eur", PaymentMethod = SandboxPaymentMethods.Mastercard, CaptureMethod = "manual" });

        var confirmed = await _session.Client.V1.PaymentIntents.ConfirmAsync(created.Id);

        Assert.Equal(("requires_confirmation", "requires_capture", Authorized), (created.Status, confirmed.Status, confirmed.AmountCapturable));
    }

    private async Task<(string Status, long AmountCapturable)> StatusAsync(string id)
    {
        var pi = await _session.Client.V1.PaymentIntents.GetAsync(id);
        return (pi.Status, pi.AmountCapturable);
    }

    private async Task<PaymentIntent> AuthorizeAsync(string captureMethod = "manual", bool expand = false) =>
        await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = Authorized,
            Currency = "eur",
            PaymentMethod = SandboxPaymentMethods.Visa,
            CaptureMethod = captureMethod,
            Confirm = true,
            OffSession = true,
            Expand = expand ? ["latest_charge"] : null,
            Metadata = new() { ["paydesk_payment_id"] = Guid.NewGuid().ToString() },
        });
}
