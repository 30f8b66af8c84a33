using System.Net;
using Microsoft.Extensions.Time.Testing;
using Paydesk.TestSupport;
using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>Disputes opened on <c>pm_card_createDispute</c> charges, their webhooks and listing, through Stripe.net.</summary>
public sealed class StripeNetDisputeTests : IAsyncLifetime
{
    private const long Charged = 4200;

    private StripeNetSession _session = null!;

    public async Task InitializeAsync() => _session = await StripeNetSession.StartAsync(options => options.DisputeDelay = TimeSpan.Zero);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Dispute_card_charge_succeeds_then_a_fraudulent_dispute_opens_with_funds_withdrawn()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        var pi = await _session.ChargeDisputeCardAsync(Charged);

        var dispute = await _session.OpenedDisputeAsync(pi);

        Assert.Equal(("succeeded", Charged), (pi.Status, pi.AmountReceived));
        Assert.Equal(("needs_response", "fraudulent", Charged, "usd"), (dispute.Status, dispute.Reason, dispute.Amount, dispute.Currency));
        Assert.Equal((pi.LatestChargeId, pi.Id), (dispute.ChargeId, dispute.PaymentIntentId));
        Assert.InRange(dispute.Created, before, DateTime.UtcNow.AddSeconds(1));
        Assert.True(dispute.EvidenceDetails.DueBy > dispute.Created.AddDays(1));
        Assert.Equal(-Charged, Assert.Single(dispute.BalanceTransactions).Amount);
        Assert.True((await _session.Client.V1.Charges.GetAsync(pi.LatestChargeId)).Disputed);
        Assert.Equal(["charge.dispute.created", "charge.dispute.funds_withdrawn"], _session.EventTypesFor(dispute.Id));
        Assert.All(_session.EventsFor(dispute.Id), e => Assert.Equal(
            (pi.Id, pi.LatestChargeId),
            (e.Object.GetProperty("payment_intent").GetString(), e.Object.GetProperty("charge").GetString())));
    }

    [Fact]
    public async Task Disputes_are_listed_by_payment_intent_and_an_unknown_one_is_404()
    {
        var disputed = await _session.ChargeDisputeCardAsync(Charged);
        var other = await _session.ChargeDisputeCardAsync(Charged);
        var dispute = await _session.OpenedDisputeAsync(disputed);
        await _session.OpenedDisputeAsync(other);

        var listed = await _session.Client.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = disputed.Id });
        var missing = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Disputes.GetAsync("du_missing"));

        Assert.Equal(dispute.Id, Assert.Single(listed.Data).Id);
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (missing.HttpStatusCode, missing.StripeError.Code));
    }

    [Fact]
    public async Task Dispute_card_authorized_for_manual_capture_is_disputed_only_after_the_capture()
    {
        var pi = await _session.ChargeDisputeCardAsync(Charged, captureMethod: "manual");
        await Eventually.True(() => _session.EventTypesFor(pi.Id).Contains("payment_intent.amount_capturable_updated"), "the authorization is announced");
        Assert.Empty((await _session.Client.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = pi.Id })).Data);

        await _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id, new PaymentIntentCaptureOptions { AmountToCapture = 1000 });

        var dispute = await _session.OpenedDisputeAsync(pi);
        Assert.Equal(1000L, dispute.Amount);
        Assert.Contains("payment_intent.succeeded", _session.EventTypesFor(pi.Id));
    }

    [Fact]
    public async Task Dispute_opens_only_once_the_dispute_delay_has_passed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var session = await StripeNetSession.StartAsync(options => options.DisputeDelay = TimeSpan.FromMinutes(1), clock);
        var pi = await session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = Charged, Currency = "usd", PaymentMethod = SandboxPaymentMethods.CreateDispute, Confirm = true });

        clock.Advance(TimeSpan.FromSeconds(59));
        var early = await session.Client.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = pi.Id });
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(early.Data);
        var dispute = await Eventually.Until(() => session.Client.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = pi.Id }), list => list.Data.Count > 0, "the dispute after its delay");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds()).UtcDateTime, dispute.Data.Single().Created);
    }

    [Fact]
    public async Task Refund_of_a_charged_back_payment_is_400_charge_disputed()
    {
        var pi = await _session.ChargeDisputeCardAsync(Charged);
        await _session.OpenedDisputeAsync(pi);

        var error = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id }));

        Assert.Equal((HttpStatusCode.BadRequest, "charge_disputed"), (error.HttpStatusCode, error.StripeError.Code));
    }
}
