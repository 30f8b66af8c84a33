using System.Net;
using System.Text.Json;
using Paydesk.Api.Tests.Disputes;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.History;

/// <summary>What each kind of change leaves in <c>GET /v1/payments/{id}/history</c>: who caused it, from what to what, and the money it moved.</summary>
public abstract class PaymentHistoryApiTests(HistoryFixture fixture)
{
    // The name the factory gives PaydeskApiFactory.ApiKey.
    private const string KeyName = "primary";

    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();
    private readonly HttpClient _anonymous = fixture.Factory.CreateClient();

    [Fact]
    public async Task A_charge_records_its_creation_and_its_success_by_the_api_key()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id(), amount: 1500);

        var history = await HistoryAsync(payment.Id());

        Assert.Equal(
            [
                new Entry("payment", "payment", null, "pending", "api", KeyName, null, null),
                new Entry("payment", "payment", "pending", "succeeded", "api", KeyName, 1500, "USD"),
            ],
            history);
    }

    [Fact]
    public async Task A_partial_refund_records_the_refund_and_the_payment_partially_refunded_with_its_amount()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id(), amount: 1500);

        var refund = await (await _client.RefundAsync(payment.Id(), 500)).ReadJsonAsync();

        var history = await HistoryAsync(payment.Id());
        Assert.Equal(
            [
                new Entry("refund", refund.Id(), null, "pending", "api", KeyName, 500, "USD"),
                new Entry("refund", refund.Id(), "pending", "succeeded", "api", KeyName, 500, "USD"),
                new Entry("payment", "payment", "succeeded", "partially_refunded", "api", KeyName, 500, "USD"),
            ],
            history[2..]);
    }

    [Fact]
    public async Task An_authorization_settled_by_the_gateways_webhook_records_the_event_id_as_actor()
    {
        // The sandbox announces an authorization by webhook (a capture at once only by its answer).
        var user = await _client.RegisterUserAsync();
        fixture.Emulator.Faults.FailNext(EmulatorFault.DropResponse);
        var pending = await _client.PostJsonAsync(
            "/v1/payments", new { userId = user.Id(), amount = 700, currency = "USD", source = SandboxPaymentMethods.Visa, capture = "manual" }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        var paymentId = (await pending.ReadJsonAsync()).Id();
        var authorized = await Eventually.Until(
            () => Task.FromResult(fixture.HeldWebhooks.SingleOrDefault(p => p.Contains(paymentId, StringComparison.Ordinal) && EventType(p) == "payment_intent.amount_capturable_updated")),
            p => p is not null,
            "the sandbox's payment_intent.amount_capturable_updated");

        await SendAsync(authorized!);

        Assert.Equal(
            [
                new Entry("payment", "payment", null, "pending", "api", KeyName, null, null),
                new Entry("payment", "payment", "pending", "requires_capture", "webhook", EventId(authorized!), 700, "USD"),
            ],
            await HistoryAsync(paymentId));
    }

    [Fact]
    public async Task A_charge_settled_by_reconciliation_records_reconciliation_with_no_actor()
    {
        var user = await _client.RegisterUserAsync();
        fixture.Emulator.Faults.FailNext(EmulatorFault.DropResponse);
        var pending = await _client.ChargeAsync(user.Id(), amount: 900);
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        var paymentId = (await pending.ReadJsonAsync()).Id();

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await fixture.Factory.RunReconciliationRoundAsync();

        Assert.Equal(
            [
                new Entry("payment", "payment", null, "pending", "api", KeyName, null, null),
                new Entry("payment", "payment", "pending", "succeeded", "reconciliation", null, 900, "USD"),
            ],
            await HistoryAsync(paymentId));
    }

    [Fact]
    public async Task An_authorization_its_partial_capture_and_a_cancel_record_the_amounts_held_and_captured()
    {
        var user = await _client.RegisterUserAsync();
        var captured = await _client.AuthorizedPaymentAsync(user.Id(), amount: 1500);
        var canceled = await _client.AuthorizedPaymentAsync(user.Id(), amount: 800);

        Assert.Equal(HttpStatusCode.OK, (await _client.CaptureAsync(captured.Id(), 1000)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.CancelAsync(canceled.Id())).StatusCode);

        Assert.Equal(
            [
                new Entry("payment", "payment", null, "pending", "api", KeyName, null, null),
                new Entry("payment", "payment", "pending", "requires_capture", "api", KeyName, 1500, "USD"),
                new Entry("payment", "payment", "requires_capture", "succeeded", "api", KeyName, 1000, "USD"),
            ],
            await HistoryAsync(captured.Id()));
        Assert.Equal(
            new Entry("payment", "payment", "requires_capture", "canceled", "api", KeyName, null, null),
            (await HistoryAsync(canceled.Id()))[^1]);
    }

    [Fact]
    public async Task A_dispute_opened_and_lost_by_webhooks_records_each_status_with_its_event_and_amount()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id(), amount: 1500);
        var dispute = DisputeEvents.NewDisputeId();
        var (opened, lost) = (DisputeEvents.NewEventId(), DisputeEvents.NewEventId());
        var now = fixture.Clock.GetUtcNow();

        await SendAsync(DisputeEvents.Body("charge.dispute.created", dispute, payment.Str("gatewayReference"), "needs_response", now, eventId: opened));
        await SendAsync(DisputeEvents.Body("charge.dispute.closed", dispute, payment.Str("gatewayReference"), "lost", now, balanceTransactions: [-1500], eventId: lost));

        Assert.Equal(
            [
                new Entry("dispute", dispute, null, "needs_response", "webhook", opened, 1500, "USD"),
                new Entry("dispute", dispute, "needs_response", "lost", "webhook", lost, 1500, "USD"),
            ],
            (await HistoryAsync(payment.Id()))[2..]);
    }

    [Fact]
    public async Task The_history_of_an_unknown_payment_is_not_found()
    {
        var response = await _client.GetAsync($"/v1/payments/{Guid.NewGuid()}/history");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "payment_not_found");
    }

    [Fact]
    public async Task After_any_sequence_of_operations_the_last_entry_of_each_subject_is_its_status()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var user = await _client.RegisterUserAsync();
        for (var round = 0; round < 6; round++)
        {
            var manual = random.Next(2) == 0;
            var source = random.Next(4) == 0 ? SandboxPaymentMethods.ChargeDeclined : SandboxPaymentMethods.Visa;
            var created = await _client.PostJsonAsync(
                "/v1/payments",
                new { userId = user.Id(), amount = 1000, currency = "USD", source, capture = manual ? "manual" : "automatic" },
                Guid.NewGuid().ToString());
            var paymentId = (await created.ReadJsonAsync()).Id();
            var refunds = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var step = 0; step < 4; step++)
            {
                var response = random.Next(4) switch
                {
                    0 => await _client.CaptureAsync(paymentId, random.Next(1, 1100)),
                    1 => await _client.CancelAsync(paymentId),
                    _ => await _client.RefundAsync(paymentId, random.Next(1, 700)),
                };
                if (response.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("/refunds", StringComparison.Ordinal) && response.IsSuccessStatusCode)
                {
                    var refund = await response.ReadJsonAsync();
                    refunds[refund.Id()] = refund.Str("status");
                }
            }

            var payment = await (await _client.GetAsync($"/v1/payments/{paymentId}")).ReadJsonAsync();
            var history = await HistoryAsync(paymentId);
            var context = $"seed {seed}: payment {payment.Str("status")}, refunds {string.Join(", ", refunds)}, history {string.Join(", ", history)}";
            Assert.True(payment.Str("status") == history.Last(e => e.SubjectType == "payment").To, context);
            Assert.True(refunds.All(r => history.Last(e => e.Subject == r.Key).To == r.Value), context);
            Assert.True(payment.Long("amountRefunded") == history.Where(e => e.SubjectType == "refund" && e.To == "succeeded").Sum(e => e.Amount), context);

            foreach (var subject in history.GroupBy(e => e.Subject))
            {
                // Each entry starts where the one before it of the same subject ended.
                string?[] chained = [null, .. subject.SkipLast(1).Select(e => e.To)];
                Assert.Equal(chained, subject.Select(e => e.From));
            }
        }
    }

    private async Task SendAsync(string body) =>
        Assert.Equal(HttpStatusCode.OK, (await DisputeEvents.SendAsync(_anonymous, body, fixture.Clock.GetUtcNow())).StatusCode);

    private async Task<List<Entry>> HistoryAsync(string paymentId)
    {
        var response = await _client.GetAsync($"/v1/payments/{paymentId}/history");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var entries = body.GetProperty("data").EnumerateArray().ToList();
        Assert.All(entries, e => Assert.Equal(JsonValueKind.String, e.GetProperty("at").ValueKind));
        return [.. entries.Select(e => new Entry(
            e.Str("subjectType"),
            e.Str("subject"),
            e.GetProperty("from").GetString(),
            e.Str("to"),
            e.Str("cause"),
            e.GetProperty("actor").GetString(),
            e.GetProperty("amount").ValueKind == JsonValueKind.Null ? null : e.Long("amount"),
            e.GetProperty("currency").GetString()))];
    }

    private static string EventType(string payload) => EventProperty(payload, "type");

    private static string EventId(string payload) => EventProperty(payload, "id");

    private static string EventProperty(string payload, string name)
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.GetProperty(name).GetString()!;
    }

    private sealed record Entry(string SubjectType, string Subject, string? From, string To, string Cause, string? Actor, long? Amount, string? Currency);
}

public sealed class SqlitePaymentHistoryApiTests(SqliteHistoryFixture fixture) : PaymentHistoryApiTests(fixture), IClassFixture<SqliteHistoryFixture>;

public sealed class PostgresPaymentHistoryApiTests(PostgresHistoryFixture fixture) : PaymentHistoryApiTests(fixture), IClassFixture<PostgresHistoryFixture>;
