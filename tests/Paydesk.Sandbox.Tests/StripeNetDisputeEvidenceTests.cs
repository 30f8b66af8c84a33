using System.Net;
using Paydesk.TestSupport;
using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>Answering a dispute as Stripe's test mode does (<c>winning_evidence</c>, <c>losing_evidence</c>, other, staged, close), through Stripe.net and the emulator's helpers.</summary>
public sealed class StripeNetDisputeEvidenceTests : IAsyncLifetime
{
    private const long Charged = 4200;

    private StripeNetSession _session = null!;

    public async Task InitializeAsync() => _session = await StripeNetSession.StartAsync(options => options.DisputeDelay = TimeSpan.Zero);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Winning_evidence_wins_the_dispute_and_reinstates_the_funds()
    {
        var dispute = await _session.OpenedDisputeAsync(await _session.ChargeDisputeCardAsync(Charged));

        var won = await _session.SubmitEvidenceAsync(dispute.Id, "winning_evidence");

        Assert.Equal(("won", "winning_evidence", 1L), (won.Status, won.Evidence.UncategorizedText, won.EvidenceDetails.SubmissionCount));
        Assert.Equal([-Charged, Charged], won.BalanceTransactions.Select(t => t.Amount));
        await _session.AssertEventsAsync(dispute.Id, "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.closed", "charge.dispute.funds_reinstated");
    }

    [Fact]
    public async Task Losing_evidence_loses_the_dispute_and_the_funds_stay_withdrawn()
    {
        var dispute = await _session.OpenedDisputeAsync(await _session.ChargeDisputeCardAsync(Charged));

        var lost = await _session.SubmitEvidenceAsync(dispute.Id, "losing_evidence");

        Assert.Equal("lost", lost.Status);
        Assert.Equal(-Charged, Assert.Single(lost.BalanceTransactions).Amount);
        await _session.AssertEventsAsync(dispute.Id, "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.closed");
    }

    [Fact]
    public async Task Other_evidence_puts_the_dispute_under_review_and_more_evidence_is_refused()
    {
        var dispute = await _session.OpenedDisputeAsync(await _session.ChargeDisputeCardAsync(Charged));

        var reviewed = await _session.SubmitEvidenceAsync(dispute.Id, "The customer signed for the parcel.");
        var again = await Assert.ThrowsAsync<StripeException>(() => _session.SubmitEvidenceAsync(dispute.Id, "winning_evidence"));

        Assert.Equal("under_review", reviewed.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error"), (again.HttpStatusCode, again.StripeError.Type));
        Assert.Equal("under_review", (await _session.Client.V1.Disputes.GetAsync(dispute.Id)).Status);
        await _session.AssertEventsAsync(dispute.Id, "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.updated");
    }

    [Fact]
    public async Task Staged_evidence_leaves_the_dispute_waiting_for_a_response()
    {
        var dispute = await _session.OpenedDisputeAsync(await _session.ChargeDisputeCardAsync(Charged));

        var staged = await _session.Client.V1.Disputes.UpdateAsync(dispute.Id, new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions { UncategorizedText = "winning_evidence" },
            Submit = false,
        });

        Assert.Equal(("needs_response", true, 0L), (staged.Status, staged.EvidenceDetails.HasEvidence, staged.EvidenceDetails.SubmissionCount));
        await _session.AssertEventsAsync(dispute.Id, "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.updated");
    }

    [Fact]
    public async Task Closing_accepts_the_dispute_as_lost()
    {
        var dispute = await _session.OpenedDisputeAsync(await _session.ChargeDisputeCardAsync(Charged));

        var closed = await _session.Client.V1.Disputes.CloseAsync(dispute.Id);
        var twice = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Disputes.CloseAsync(dispute.Id));

        Assert.Equal("lost", closed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, twice.HttpStatusCode);
        await _session.AssertEventsAsync(dispute.Id, "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.closed");
    }

    [Fact]
    public async Task Unknown_evidence_field_is_400_naming_it()
    {
        var dispute = await _session.OpenedDisputeAsync(await _session.ChargeDisputeCardAsync(Charged));
        using var http = new HttpClient { BaseAddress = _session.Emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestKeys.SecretKey);

        using var response = await http.PostAsync($"/v1/disputes/{dispute.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["evidence[tea_leaves]"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("evidence[tea_leaves]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_helpers_find_the_dispute_of_a_payment_and_answer_it_once_the_webhooks_are_sent()
    {
        var paymentId = Guid.NewGuid();
        var won = await _session.ChargeDisputeCardAsync(Charged, paymentId: paymentId);
        var lost = await _session.ChargeDisputeCardAsync(Charged);
        var wonId = await Eventually.Until(() => Task.FromResult(_session.Emulator.DisputeIdFor(paymentId)), id => id is not null, "the payment's dispute");
        Assert.Equal((await _session.OpenedDisputeAsync(won)).Id, wonId);
        var lostId = (await _session.OpenedDisputeAsync(lost)).Id;

        var wonStatus = await _session.Emulator.SubmitDisputeEvidenceAsync(wonId!, "winning_evidence", CancellationToken.None);
        var lostStatus = await _session.Emulator.CloseDisputeAsync(lostId, CancellationToken.None);

        Assert.Equal(("won", "lost"), (wonStatus, lostStatus));
        Assert.Equal(["charge.dispute.closed", "charge.dispute.funds_reinstated"], _session.EventTypesFor(wonId!).Skip(2));
        Assert.Equal("charge.dispute.closed", _session.EventTypesFor(lostId)[^1]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _session.Emulator.CloseDisputeAsync(lostId, CancellationToken.None));
    }
}
