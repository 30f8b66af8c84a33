using System.Net;
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
        await Eventually.True(() => _session.EventTypesFor(dispute.Id).Count == 2, "the dispute's two events are sent");
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

    private async Task AssertEventsAsync(string disputeId, params string[] expected)
    {
        await Eventually.True(() => _session.EventTypesFor(disputeId).Count >= expected.Length, $"the events {string.Join(", ", expected)}");
        Assert.Equal(expected, _session.EventTypesFor(disputeId));
    }

    private async Task<Dispute> OpenedDisputeAsync(PaymentIntent pi) =>
        (await Eventually.Until(
            () => _session.Client.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = pi.Id }),
            list => list.Data.Count > 0,
            $"a dispute of {pi.Id}")).Data.Single();

    private async Task<Dispute> SubmitAsync(string disputeId, string text) =>
        await _session.Client.V1.Disputes.UpdateAsync(disputeId, new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions { UncategorizedText = text },
        });

    private async Task<PaymentIntent> ChargeAsync(string captureMethod = "automatic") =>
        await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = Charged,
            Currency = "usd",
            PaymentMethod = SandboxPaymentMethods.CreateDispute,
            CaptureMethod = captureMethod,
            Confirm = true,
            OffSession = true,
            Metadata = new() { ["paydesk_payment_id"] = Guid.NewGuid().ToString() },
        });
}
