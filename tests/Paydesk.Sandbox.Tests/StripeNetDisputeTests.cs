using System.Net;
using Microsoft.Extensions.Time.Testing;
using Paydesk.TestSupport;
using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>Disputes of <c>pm_card_createDispute</c> charges and Stripe's test-mode evidence, through Stripe.net.</summary>
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
        var pi = await ChargeAsync();

        var dispute = await OpenedDisputeAsync(pi);

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
    public async Task Winning_evidence_wins_the_dispute_and_reinstates_the_funds()
    {
        var dispute = await OpenedDisputeAsync(await ChargeAsync());

        var won = await SubmitAsync(dispute.Id, "winning_evidence");

        Assert.Equal(("won", "winning_evidence", 1L), (won.Status, won.Evidence.UncategorizedText, won.EvidenceDetails.SubmissionCount));
        Assert.Equal([-Charged, Charged], won.BalanceTransactions.Select(t => t.Amount));
        await AssertEventsAsync(dispute.Id, "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.closed", "charge.dispute.funds_reinstated");
    }

    [Fact]
    public async Task Losing_evidence_loses_the_dispute_and_the_funds_stay_withdrawn()
    {
        var dispute = await OpenedDisputeAsync(await ChargeAsync());

        var lost = await SubmitAsync(dispute.Id, "losing_evidence");

        Assert.Equal("lost", lost.Status);
        Assert.Equal(-Charged, Assert.Single(lost.BalanceTransactions).Amount);
        await AssertEventsAsync(dispute.Id, "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.closed");
    }

    [Fact]
    public async Task Other_evidence_puts_the_dispute_under_review_and_more_evidence_is_refused()
    {
        var dispute = await OpenedDisputeAsync(await ChargeAsync());

        var reviewed = await SubmitAsync(dispute.Id, "The customer signed for the parcel.");
        var again = await Assert.ThrowsAsync<StripeException>(() => SubmitAsync(dispute.Id, "winning_evidence"));

        Assert.Equal("under_review", reviewed.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error"), (again.HttpStatusCode, again.StripeError.Type));
        Assert.Equal("under_review", (await _session.Client.V1.Disputes.GetAsync(dispute.Id)).Status);
        await AssertEventsAsync(dispute.Id, "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.updated");
    }

    [Fact]
    public async Task Staged_evidence_leaves_the_dispute_waiting_for_a_response()
    {
        var dispute = await OpenedDisputeAsync(await ChargeAsync());

        var staged = await _session.Client.V1.Disputes.UpdateAsync(dispute.Id, new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions { UncategorizedText = "winning_evidence" },
            Submit = false,
        });

        Assert.Equal(("needs_response", true, 0L), (staged.Status, staged.EvidenceDetails.HasEvidence, staged.EvidenceDetails.SubmissionCount));
        await AssertEventsAsync(dispute.Id, "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.updated");
    }

    [Fact]
    public async Task Closing_accepts_the_dispute_as_lost()
    {
        var dispute = await OpenedDisputeAsync(await ChargeAsync());

        var closed = await _session.Client.V1.Disputes.CloseAsync(dispute.Id);
        var twice = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Disputes.CloseAsync(dispute.Id));

        Assert.Equal("lost", closed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, twice.HttpStatusCode);
        await AssertEventsAsync(dispute.Id, "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.closed");
    }

    [Fact]
    public async Task Disputes_are_listed_by_payment_intent_and_an_unknown_one_is_404()
    {
        var disputed = await ChargeAsync();
        var other = await ChargeAsync();
        var dispute = await OpenedDisputeAsync(disputed);
        await OpenedDisputeAsync(other);

        var listed = await _session.Client.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = disputed.Id });
        var missing = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Disputes.GetAsync("du_missing"));

        Assert.Equal(dispute.Id, Assert.Single(listed.Data).Id);
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (missing.HttpStatusCode, missing.StripeError.Code));
    }

    [Fact]
    public async Task Dispute_card_authorized_for_manual_capture_is_disputed_only_after_the_capture()
    {
        var pi = await ChargeAsync(captureMethod: "manual");
        await Eventually.True(() => _session.EventTypesFor(pi.Id).Contains("payment_intent.amount_capturable_updated"), "the authorization is announced");
        Assert.Empty((await _session.Client.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = pi.Id })).Data);

        await _session.Client.V1.PaymentIntents.CaptureAsync(pi.Id, new PaymentIntentCaptureOptions { AmountToCapture = 1000 });

        var dispute = await OpenedDisputeAsync(pi);
        Assert.Equal(1000L, dispute.Amount);
        Assert.Contains("payment_intent.succeeded", _session.EventTypesFor(pi.Id));
    }

    [Fact]
    public async Task Unknown_evidence_field_is_400_naming_it()
    {
        var dispute = await OpenedDisputeAsync(await ChargeAsync());
        using var http = new HttpClient { BaseAddress = _session.Emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestKeys.SecretKey);

        using var response = await http.PostAsync($"/v1/disputes/{dispute.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["evidence[tea_leaves]"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("evidence[tea_leaves]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
        var pi = await ChargeAsync();
        await OpenedDisputeAsync(pi);

        var error = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id }));

        Assert.Equal((HttpStatusCode.BadRequest, "charge_disputed"), (error.HttpStatusCode, error.StripeError.Code));
    }

    [Fact]
    public async Task Test_helpers_find_the_dispute_of_a_payment_and_answer_it_once_the_webhooks_are_sent()
    {
        var paymentId = Guid.NewGuid();
        var won = await ChargeAsync(paymentId: paymentId);
        var lost = await ChargeAsync();
        var wonId = await Eventually.Until(() => Task.FromResult(_session.Emulator.DisputeIdFor(paymentId)), id => id is not null, "the payment's dispute");
        Assert.Equal((await OpenedDisputeAsync(won)).Id, wonId);
        var lostId = (await OpenedDisputeAsync(lost)).Id;

        var wonStatus = await _session.Emulator.SubmitDisputeEvidenceAsync(wonId!, "winning_evidence", CancellationToken.None);
        var lostStatus = await _session.Emulator.CloseDisputeAsync(lostId, CancellationToken.None);

        Assert.Equal(("won", "lost"), (wonStatus, lostStatus));
        Assert.Equal(["charge.dispute.closed", "charge.dispute.funds_reinstated"], _session.EventTypesFor(wonId!).Skip(2));
        Assert.Equal("charge.dispute.closed", _session.EventTypesFor(lostId)[^1]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _session.Emulator.CloseDisputeAsync(lostId, CancellationToken.None));
    }

    private async Task AssertEventsAsync(string disputeId, params string[] expected)
    {
        await Eventually.True(() => _session.EventTypesFor(disputeId).Count >= expected.Length, $"the events {string.Join(", ", expected)}");
        Assert.Equal(expected, _session.EventTypesFor(disputeId));
    }

    /// <summary>The dispute of the intent once it is open and its two opening events are sent (so that later events follow them).</summary>
    private async Task<Dispute> OpenedDisputeAsync(PaymentIntent pi)
    {
        var dispute = (await Eventually.Until(
            () => _session.Client.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = pi.Id }),
            list => list.Data.Count > 0,
            $"a dispute of {pi.Id}")).Data.Single();
        await Eventually.True(() => _session.EventTypesFor(dispute.Id).Count >= 2, $"the opening events of {dispute.Id}");
        return dispute;
    }

    private async Task<Dispute> SubmitAsync(string disputeId, string text) =>
        await _session.Client.V1.Disputes.UpdateAsync(disputeId, new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions { UncategorizedText = text },
        });

    private async Task<PaymentIntent> ChargeAsync(string captureMethod = "automatic", Guid? paymentId = null) =>
        await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = Charged,
            Currency = "usd",
            PaymentMethod = SandboxPaymentMethods.CreateDispute,
            CaptureMethod = captureMethod,
            Confirm = true,
            OffSession = true,
            Metadata = new() { ["paydesk_payment_id"] = (paymentId ?? Guid.NewGuid()).ToString() },
        });
}
