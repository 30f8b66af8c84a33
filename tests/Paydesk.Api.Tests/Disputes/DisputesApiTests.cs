using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Paydesk.Infrastructure.Database;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Disputes;

/// <summary>Disputes as the sandbox opens and closes them, and as hand-signed events deliver them out of order and twice.</summary>
public abstract class DisputesApiTests(DisputesFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();
    private readonly HttpClient _anonymous = fixture.Factory.CreateClient();

    [Fact]
    public async Task A_sandbox_dispute_opens_withdraws_the_funds_and_winning_evidence_reinstates_them()
    {
        var payment = await ChargeAsync(SandboxPaymentMethods.CreateDispute);

        var opened = await DisputeWhenAsync(payment, d => d.Str("status") == "needs_response" && d.Long("fundsWithdrawn") == 1500, "the dispute to open and withdraw the funds");
        Assert.Equal("fraudulent", opened.Str("reason"));
        Assert.Equal(1500, (await PaymentAsync(payment)).Long("amountDisputed"));
        var status = await fixture.Emulator.SubmitDisputeEvidenceAsync(opened.Id(), "winning_evidence", CancellationToken.None);

        var won = await DisputeWhenAsync(payment, d => d.Str("status") == "won" && d.Long("fundsReinstated") == 1500, "the dispute to be won");
        Assert.Equal("won", status);
        Assert.Equal(JsonValueKind.String, won.GetProperty("closedAt").ValueKind);
        Assert.Equal(0, (await PaymentAsync(payment)).Long("amountDisputed"));
        Assert.Equal(["payment.dispute_closed:won", "payment.dispute_opened"], await DisputeEventsAsync(payment));
    }

    [Fact]
    public async Task A_sandbox_dispute_answered_with_losing_evidence_is_lost_and_stays_disputed()
    {
        var payment = await ChargeAsync(SandboxPaymentMethods.CreateDispute);
        var opened = await DisputeWhenAsync(payment, d => d.Long("fundsWithdrawn") == 1500, "the dispute to open and withdraw the funds");

        await fixture.Emulator.SubmitDisputeEvidenceAsync(opened.Id(), "losing_evidence", CancellationToken.None);

        var lost = await DisputeWhenAsync(payment, d => d.Str("status") == "lost", "the dispute to be lost");
        Assert.Equal(0, lost.Long("fundsReinstated"));
        var stored = await PaymentAsync(payment);
        Assert.Equal(1500, stored.Long("amountDisputed"));
        Assert.Equal("succeeded", stored.Str("status"));
        Assert.Equal(["payment.dispute_closed:lost", "payment.dispute_opened"], await DisputeEventsAsync(payment));
    }

    [Fact]
    public async Task Funds_withdrawn_then_reinstated_leave_nothing_disputed()
    {
        var (payment, intent) = await PaymentWithIntentAsync();
        var dispute = DisputeEvents.NewDisputeId();
        var now = DateTimeOffset.UtcNow;

        await SendAsync(DisputeEvents.Body("charge.dispute.created", dispute, intent, "needs_response", now));
        await SendAsync(DisputeEvents.Body("charge.dispute.funds_withdrawn", dispute, intent, "needs_response", now, balanceTransactions: [-1500]));
        var withdrawn = await OnlyDisputeAsync(payment);
        await SendAsync(DisputeEvents.Body("charge.dispute.closed", dispute, intent, "won", now, balanceTransactions: [-1500, 1500]));
        await SendAsync(DisputeEvents.Body("charge.dispute.funds_reinstated", dispute, intent, "won", now, balanceTransactions: [-1500, 1500]));

        var reinstated = await OnlyDisputeAsync(payment);
        Assert.Equal((1500, 0, "needs_response"), (withdrawn.Long("fundsWithdrawn"), withdrawn.Long("fundsReinstated"), withdrawn.Str("status")));
        Assert.Equal((1500, 1500, "won"), (reinstated.Long("fundsWithdrawn"), reinstated.Long("fundsReinstated"), reinstated.Str("status")));
        Assert.Equal(0, (await PaymentAsync(payment)).Long("amountDisputed"));
    }

    [Fact]
    public async Task Events_out_of_order_and_twice_end_as_the_latest_state_and_raise_each_event_once()
    {
        var (payment, intent) = await PaymentWithIntentAsync();
        var dispute = DisputeEvents.NewDisputeId();
        var now = DateTimeOffset.UtcNow;
        var withdrawnEventId = DisputeEvents.NewEventId();
        var withdrawn = DisputeEvents.Body("charge.dispute.funds_withdrawn", dispute, intent, "needs_response", now, balanceTransactions: [-1500], eventId: withdrawnEventId);

        await SendAsync(DisputeEvents.Body("charge.dispute.closed", dispute, intent, "lost", now, balanceTransactions: [-1500]));
        await SendAsync(DisputeEvents.Body("charge.dispute.updated", dispute, intent, "under_review", now, balanceTransactions: [-1500]));
        await SendAsync(withdrawn);
        await SendAsync(DisputeEvents.Body("charge.dispute.created", dispute, intent, "needs_response", now));
        var duplicate = await SendAsync(withdrawn);

        Assert.True((await duplicate.ReadJsonAsync()).GetProperty("duplicate").GetBoolean());
        var stored = await OnlyDisputeAsync(payment);
        Assert.Equal(("lost", 1500L, 0L), (stored.Str("status"), stored.Long("fundsWithdrawn"), stored.Long("fundsReinstated")));
        Assert.Equal(1500, (await PaymentAsync(payment)).Long("amountDisputed"));
        Assert.Equal(["payment.dispute_closed:lost", "payment.dispute_opened"], await DisputeEventsAsync(payment));
    }

    [Fact]
    public async Task A_closed_dispute_never_reopens()
    {
        var (payment, intent) = await PaymentWithIntentAsync();
        var dispute = DisputeEvents.NewDisputeId();
        var now = DateTimeOffset.UtcNow;

        await SendAsync(DisputeEvents.Body("charge.dispute.closed", dispute, intent, "won", now, balanceTransactions: [-1500, 1500]));
        await SendAsync(DisputeEvents.Body("charge.dispute.updated", dispute, intent, "under_review", now, balanceTransactions: [-1500]));
        await SendAsync(DisputeEvents.Body("charge.dispute.created", dispute, intent, "needs_response", now));

        var stored = await OnlyDisputeAsync(payment);
        Assert.Equal(("won", 1500L, 1500L), (stored.Str("status"), stored.Long("fundsWithdrawn"), stored.Long("fundsReinstated")));
        Assert.Equal(0, (await PaymentAsync(payment)).Long("amountDisputed"));
    }

    [Fact]
    public async Task A_dispute_of_a_charge_paydesk_did_not_make_is_acknowledged_and_ignored()
    {
        var response = await SendAsync(DisputeEvents.Body("charge.dispute.created", DisputeEvents.NewDisputeId(), $"pi_test{Guid.NewGuid():N}", "needs_response", DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.ReadJsonAsync()).GetProperty("duplicate").GetBoolean());
    }

    [Fact]
    public async Task A_new_dispute_emails_the_operators_once()
    {
        var (payment, intent) = await PaymentWithIntentAsync();
        var dispute = DisputeEvents.NewDisputeId();
        var now = DateTimeOffset.UtcNow;

        await SendAsync(DisputeEvents.Body("charge.dispute.created", dispute, intent, "needs_response", now));
        await SendAsync(DisputeEvents.Body("charge.dispute.funds_withdrawn", dispute, intent, "needs_response", now, balanceTransactions: [-1500]));

        var notices = await Eventually.Until(() => OperatorNoticesAsync(dispute), n => n.Count > 0, "the operators' notice");
        var notice = Assert.Single(notices);
        Assert.Equal(DisputesFixture.OperatorsAddress, ((MailboxAddress)notice.To.Single()).Address);
        Assert.Contains("$15.00", notice.Subject, StringComparison.Ordinal);
        Assert.Contains(payment, notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("fraudulent", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_disputes_of_an_unknown_payment_are_404()
    {
        var response = await _client.GetAsync($"/v1/payments/{Guid.NewGuid()}/disputes");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "payment_not_found");
    }

    [Fact]
    public async Task A_payment_without_disputes_lists_none()
    {
        var (payment, _) = await PaymentWithIntentAsync();

        var list = await (await _client.GetAsync($"/v1/payments/{payment}/disputes")).ReadJsonAsync();
        var stored = await PaymentAsync(payment);

        Assert.Empty(list.GetProperty("data").EnumerateArray());
        Assert.Empty(stored.GetProperty("disputes").EnumerateArray());
        Assert.Equal(0, stored.Long("amountDisputed"));
    }

    private async Task<string> ChargeAsync(string source)
    {
        var user = await _client.RegisterUserAsync();
        var response = await _client.ChargeAsync(user.Id(), source: source);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).Id();
    }

    private async Task<(string Payment, string Intent)> PaymentWithIntentAsync()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id());
        return (payment.Id(), payment.Str("gatewayReference"));
    }

    private async Task<HttpResponseMessage> SendAsync(string body)
    {
        var response = await DisputeEvents.SendAsync(_anonymous, body, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private async Task<JsonElement> PaymentAsync(string payment) => await (await _client.GetAsync($"/v1/payments/{payment}")).ReadJsonAsync();

    private async Task<JsonElement> OnlyDisputeAsync(string payment)
    {
        var list = await (await _client.GetAsync($"/v1/payments/{payment}/disputes")).ReadJsonAsync();
        var dispute = Assert.Single(list.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal(dispute.Id(), Assert.Single((await PaymentAsync(payment)).GetProperty("disputes").EnumerateArray().ToList()).Id());
        return dispute;
    }

    private Task<JsonElement> DisputeWhenAsync(string payment, Func<JsonElement, bool> done, string what) =>
        Eventually.Until(
            async () =>
            {
                var list = await (await _client.GetAsync($"/v1/payments/{payment}/disputes")).ReadJsonAsync();
                return list.GetProperty("data").EnumerateArray().SingleOrDefault();
            },
            d => d.ValueKind == JsonValueKind.Object && done(d),
            what);

    /// <summary>The dispute events in the outbox about the payment, sorted: <c>type</c> or <c>type:outcome</c>.</summary>
    private async Task<List<string>> DisputeEventsAsync(string payment)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Subject == payment && m.EventType.StartsWith("payment.dispute_"))
            .ToListAsync();
        return [.. rows.Select(m => m.EventType == "payment.dispute_closed" ? $"{m.EventType}:{Outcome(m.Payload)}" : m.EventType).Order(StringComparer.Ordinal)];
    }

    private static string Outcome(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var data = root.TryGetProperty("data", out var d) ? d : root;
        return data.GetProperty("outcome").GetString()!;
    }

    private async Task<List<MimeMessage>> OperatorNoticesAsync(string disputeId)
    {
        var messages = new List<MimeMessage>();
        if (!Directory.Exists(fixture.Factory.MailDirectory))
        {
            return messages;
        }

        foreach (var file in Directory.GetFiles(fixture.Factory.MailDirectory, "*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.Subject?.Contains(disputeId, StringComparison.Ordinal) == true)
            {
                messages.Add(message);
            }
        }

        return messages;
    }
}

public sealed class SqliteDisputesApiTests(SqliteDisputesFixture fixture) : DisputesApiTests(fixture), IClassFixture<SqliteDisputesFixture>;

public sealed class PostgresDisputesApiTests(PostgresDisputesFixture fixture) : DisputesApiTests(fixture), IClassFixture<PostgresDisputesFixture>;
