using System.Text.Json;
using Paydesk.Infrastructure.External.PaymentGateway.Stripe;

namespace Paydesk.Infrastructure.Tests.External.PaymentGateway;

public sealed class StripeDisputeEventsTests
{
    private const string Opened = """
        {"id":"du_1","object":"dispute","amount":1500,"currency":"usd","reason":"fraudulent","status":"needs_response",
         "payment_intent":"pi_1","charge":"ch_1","created":1767225600,"evidence_details":{"due_by":1767830400},
         "balance_transactions":[{"id":"txn_1","amount":-1500}]}
        """;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void A_dispute_event_names_the_payment_intent_status_dates_and_funds()
    {
        var report = StripeDisputeEvents.Read("charge.dispute.created", Json(Opened));

        Assert.NotNull(report);
        var dispute = report.Dispute;
        Assert.Equal(("pi_1", "du_1", 1500L, "usd", "fraudulent", "needs_response"), (report.PaymentReference, dispute.GatewayId, dispute.Amount, dispute.Currency, dispute.Reason, dispute.Status));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225600), dispute.OpenedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767830400), dispute.EvidenceDueBy);
        Assert.Equal((1500L, 0L), (dispute.FundsWithdrawn, dispute.FundsReinstated));
    }

    [Fact]
    public void A_won_dispute_counts_its_reinstatement_and_an_expanded_payment_intent_is_read_by_id()
    {
        var won = Json("""
            {"id":"du_2","amount":700,"currency":"eur","reason":"general","status":"won","payment_intent":{"id":"pi_2"},"created":1767225600,
             "balance_transactions":[{"amount":-700},{"amount":700}]}
            """);

        var report = StripeDisputeEvents.Read("charge.dispute.closed", won);

        Assert.NotNull(report);
        Assert.Equal(("pi_2", "won", 700L, 700L), (report.PaymentReference, report.Dispute.Status, report.Dispute.FundsWithdrawn, report.Dispute.FundsReinstated));
    }

    [Fact]
    public void A_funds_event_whose_object_lists_no_transactions_still_counts_its_funds()
    {
        var bare = Json("""{"id":"du_3","amount":900,"currency":"usd","status":"under_review","payment_intent":"pi_3","created":1767225600}""");

        var withdrawn = StripeDisputeEvents.Read("charge.dispute.funds_withdrawn", bare);
        var reinstated = StripeDisputeEvents.Read("charge.dispute.funds_reinstated", bare);

        Assert.Equal((900L, 0L), (withdrawn!.Dispute.FundsWithdrawn, withdrawn.Dispute.FundsReinstated));
        Assert.Equal(900L, reinstated!.Dispute.FundsReinstated);
        Assert.Equal("general", withdrawn.Dispute.Reason);
    }

    [Theory]
    [InlineData("charge.refunded", Opened)]
    [InlineData("charge.dispute.created", """{"id":"du_4","amount":1500,"currency":"usd","status":"needs_response"}""")]
    [InlineData("charge.dispute.created", """{"id":"du_5","amount":1500,"currency":"usd","status":"pending_magic","payment_intent":"pi_5"}""")]
    [InlineData("charge.dispute.created", """{"id":"du_6","amount":0,"currency":"usd","status":"needs_response","payment_intent":"pi_6"}""")]
    public void Other_events_and_unusable_disputes_say_nothing(string type, string data)
    {
        Assert.Null(StripeDisputeEvents.Read(type, Json(data)));
    }
}
