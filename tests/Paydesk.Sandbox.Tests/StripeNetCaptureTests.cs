using System.Net;
using Paydesk.TestSupport;
using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>Capturing an authorization (all, part, too much, twice, canceled), canceling it, and refunds of it, through Stripe.net.</summary>
public sealed class StripeNetCaptureTests : IAsyncLifetime
{
    private const long Authorized = 2500;

    private StripeNetSession _session = null!;

    public async Task InitializeAsync() => _session = await StripeNetSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Full_capture_succeeds_with_everything_received_and_sends_payment_intent_succeeded()
    {
        var pi = await _session.AuthorizeAsync(Authorized);

        var captured = await _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id, new PaymentIntentCaptureOptions { Expand = ["latest_charge"] });

        Assert.Equal(("succeeded", Authorized, 0L), (captured.Status, captured.AmountReceived, captured.AmountCapturable));
        Assert.Equal((true, Authorized), (captured.LatestCharge.Captured, captured.LatestCharge.AmountCaptured));
        await Eventually.True(() => _session.EventTypesFor(pi.Id).Contains("payment_intent.succeeded"), "payment_intent.succeeded is sent");
    }

    [Fact]
    public async Task Partial_capture_receives_the_amount_to_capture_and_refunds_only_that()
    {
        var pi = await _session.AuthorizeAsync(Authorized);

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
        var pi = await _session.AuthorizeAsync(Authorized);

        var error = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id, new PaymentIntentCaptureOptions { AmountToCapture = Authorized + 1 }));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "amount_too_large", "amount_to_capture"), (error.HttpStatusCode, error.StripeError.Type, error.StripeError.Code, error.StripeError.Param));
        Assert.Equal(("requires_capture", Authorized), await _session.StatusAsync(pi.Id));
    }

    [Fact]
    public async Task Capture_of_an_amount_that_is_not_a_positive_integer_is_400_naming_it()
    {
        var pi = await _session.AuthorizeAsync(Authorized);

        var error = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id, new PaymentIntentCaptureOptions { AmountToCapture = 0 }));

        Assert.Equal((HttpStatusCode.BadRequest, "parameter_invalid", "amount_to_capture"), (error.HttpStatusCode, error.StripeError.Code, error.StripeError.Param));
        Assert.Equal(("requires_capture", Authorized), await _session.StatusAsync(pi.Id));
    }

    [Fact]
    public async Task Second_capture_is_refused_with_the_succeeded_intent_and_a_replay_of_the_first_is_not()
    {
        var pi = await _session.AuthorizeAsync(Authorized);
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
        var pi = await _session.AuthorizeAsync(Authorized);
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
        var pi = await _session.AuthorizeAsync(Authorized);

        var canceled = await _session.Client.V1.PaymentIntents.CancelAsync(pi.Id, new PaymentIntentCancelOptions { CancellationReason = "requested_by_customer" });

        Assert.Equal(("canceled", "requested_by_customer", 0L, 0L), (canceled.Status, canceled.CancellationReason, canceled.AmountCapturable, canceled.AmountReceived));
        Assert.True((await _session.Client.V1.Charges.GetAsync(pi.LatestChargeId)).Refunded);
        await Eventually.True(() => _session.EventTypesFor(pi.Id).Contains("payment_intent.canceled"), "payment_intent.canceled is sent");
    }

    [Fact]
    public async Task Refund_of_an_uncaptured_intent_is_400_charge_not_refundable()
    {
        var pi = await _session.AuthorizeAsync(Authorized);

        var error = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id }));

        Assert.Equal((HttpStatusCode.BadRequest, "charge_not_refundable"), (error.HttpStatusCode, error.StripeError.Code));
    }
}
