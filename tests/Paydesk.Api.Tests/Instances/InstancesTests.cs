using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Paydesk.Sandbox;
using Paydesk.TestSupport;
using Xunit.Abstractions;

namespace Paydesk.Api.Tests.Instances;

/// <summary>
/// Three real processes of the service on one PostgreSQL, RabbitMQ and Redis do no double work and
/// lose nothing. Each test prints its figures.
/// </summary>
[Collection(InstancesCollection.Name)]
public sealed class InstancesTests(InstancesFixture fixture, ITestOutputHelper output) : IClassFixture<InstancesFixture>
{
    private InstanceCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Three_thousand_charges_spread_over_the_instances_put_every_event_in_the_consumers_queue_once()
    {
        const int Charges = 3000;
        using var load = new ClusterLoad(Cluster);
        await DrainAsync();
        var before = (await Cluster.ColumnAsync("SELECT id FROM outbox_messages")).ToHashSet(StringComparer.Ordinal);
        var users = await load.RegisterUsersAsync(30);

        var stopwatch = Stopwatch.StartNew();
        var payments = await load.ChargeAsync(users, Charges, parallelism: 24);
        var charged = stopwatch.Elapsed;
        await Eventually.Until(Cluster.PendingOutboxRowsAsync, pending => pending == 0, TimeSpan.FromMinutes(2), "the outbox to be published");
        var drained = stopwatch.Elapsed;
        var messages = await RabbitMqBroker.DrainAsync(Cluster.EventsQueue);
        var published = (await Cluster.ColumnAsync("SELECT id FROM outbox_messages")).Where(id => !before.Contains(id)).ToHashSet(StringComparer.Ordinal);

        var received = messages.Select(m => m.BasicProperties.MessageId!).ToList();
        var duplicates = received.Count - received.Distinct(StringComparer.Ordinal).Count();
        output.WriteLine($"{Charges} charges in {charged.TotalSeconds:F1} s ({Charges / charged.TotalSeconds:F0}/s), by instance: {string.Join(", ", load.Answered)}; outbox empty after {drained.TotalSeconds:F1} s");
        output.WriteLine($"events: {published.Count} written, {received.Count} in the consumer's queue, {duplicates} twice, {load.Retries} retried requests");
        Assert.Equal(Charges, payments.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.All(load.Answered, count => Assert.True(count > Charges / InstanceCluster.Size / 2, $"every instance took its share: {string.Join(", ", load.Answered)}"));
        Assert.Equal(Charges + users.Count, published.Count);
        Assert.Equal(0, duplicates);
        Assert.Equal(published.OrderBy(id => id, StringComparer.Ordinal), received.Order(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_pending_payment_is_checked_by_one_instance_per_reconciliation_round()
    {
        using var load = new ClusterLoad(Cluster);
        var users = await load.RegisterUsersAsync(3);
        var stopwatch = Stopwatch.StartNew();
        var payments = (await load.ChargeAsync(users, 30, parallelism: 6, SandboxPaymentMethods.Processing)).Values.Select(Guid.Parse).ToList();

        await Eventually.Until(
            () => Task.FromResult(payments.Min(Cluster.Emulator.LookupsFor)),
            fewest => fewest >= 3,
            TimeSpan.FromMinutes(2),
            "every pending payment to be checked in three rounds");
        var lookups = payments.Select(Cluster.Emulator.LookupsFor).ToList();
        var elapsed = stopwatch.Elapsed;

        // One check per round at most: a round books the payment's next check an interval later, and
        // no round can start before the payments exist. Each instance checking on its own would make it three.
        var rounds = 1 + (int)(elapsed / InstancesFixture.ReconciliationInterval);
        output.WriteLine($"{payments.Count} pending payments, {elapsed.TotalSeconds:F1} s, at most {rounds} rounds: checks per payment min {lookups.Min()}, max {lookups.Max()}, total {lookups.Sum()}");
        Assert.All(lookups, count => Assert.InRange(count, 3, rounds));
    }

    [Fact]
    public async Task The_same_webhook_event_delivered_to_two_instances_at_once_is_applied_once()
    {
        const int Events = 20;
        using var load = new ClusterLoad(Cluster);
        var users = await load.RegisterUsersAsync(2);
        var payments = (await load.ChargeAsync(users, Events, parallelism: 4, SandboxPaymentMethods.Processing)).Values.ToList();
        using var first = Cluster.Instances[0].CreateClient(apiKey: null);
        using var second = Cluster.Instances[1].CreateClient(apiKey: null);

        var duplicatesSeen = 0;
        var eventIds = new List<string>();
        foreach (var payment in payments)
        {
            var (eventId, body) = SucceededEvent(payment);
            eventIds.Add(eventId);
            var answers = await Task.WhenAll(PostWebhookAsync(first, body), PostWebhookAsync(second, body));
            Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
            duplicatesSeen += answers.Count(answer => answer.Duplicate);
        }

        await Eventually.Until(Cluster.PendingOutboxRowsAsync, pending => pending == 0, "the outbox to be published");
        var succeededEvents = await Task.WhenAll(payments.Select(p => Cluster.ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE event_type = 'payment.succeeded' AND subject = @p", ("p", p))));
        var recorded = await Task.WhenAll(eventIds.Select(e => Cluster.ScalarAsync("SELECT count(*) FROM gateway_events WHERE id = @e", ("e", e))));
        var statuses = await Task.WhenAll(payments.Select(async p => (await (await load.Client(2).GetAsync($"/v1/payments/{p}")).ReadJsonAsync()).Str("status")));
        output.WriteLine($"{Events} events each sent to two instances at once: {duplicatesSeen} answers said duplicate, {succeededEvents.Sum()} payment.succeeded events written");
        Assert.All(statuses, status => Assert.Equal("succeeded", status));
        Assert.All(succeededEvents, count => Assert.Equal(1, count));
        Assert.All(recorded, count => Assert.Equal(1, count));
        Assert.Equal(Events, duplicatesSeen);
    }

    [Fact]
    public async Task An_instance_killed_mid_load_loses_no_committed_payment_and_leaves_no_outbox_row_stuck()
    {
        const int Charges = 600;
        const int Parallelism = 12;
        using var load = new ClusterLoad(Cluster);
        await DrainAsync();
        var users = await load.RegisterUsersAsync(6);
        var victim = Cluster.Instances[^1];
        var killedAt = 0L;
        var stopwatch = Stopwatch.StartNew();

        var payments = await load.ChargeAsync(users, Charges, Parallelism, onAnswered: async answered =>
        {
            if (answered == Charges / 3 && Interlocked.Exchange(ref killedAt, answered) == 0)
            {
                await victim.KillAsync();
            }
        });
        var charged = stopwatch.Elapsed;
        var ids = payments.Values.Distinct(StringComparer.Ordinal).ToList();

        // A charge the victim sent but did not commit the outcome of is answered 202 (pending) once
        // reconciliation completes its key, and succeeds only when a reconciliation round reads the
        // gateway's outcome, possibly after the load. One the victim died before sending never reached
        // the gateway: it stays pending, as no money moved.
        var sent = ids.Where(id => Cluster.Emulator.PaymentIntentsCreatedFor(Guid.Parse(id)) > 0).ToList();
        var unsent = ids.Except(sent, StringComparer.Ordinal).ToList();
        await Eventually.Until(
            () => CountAsync(sent, "succeeded"),
            succeeded => succeeded == sent.Count,
            TimeSpan.FromMinutes(2),
            "reconciliation to settle every payment the gateway charged");
        await Eventually.Until(Cluster.PendingOutboxRowsAsync, pending => pending == 0, TimeSpan.FromMinutes(2), "the survivors to publish every outbox row");
        var drained = stopwatch.Elapsed;
        var committed = await Task.WhenAll(sent.Select(id => Cluster.ScalarAsync("SELECT count(*) FROM payments WHERE id = @id AND status = 'succeeded'", ("id", Guid.Parse(id)))));
        var stillPending = await CountAsync(unsent, "pending");
        var announced = (await RabbitMqBroker.DrainAsync(Cluster.EventsQueue))
            .Where(m => m.RoutingKey == "payment.succeeded")
            .Select(m => JsonNode.Parse(Encoding.UTF8.GetString(m.Body.Span))!["subject"]!.GetValue<string>())
            .ToList();
        var charges = Cluster.Emulator.ChargeRequests;
        await victim.StartAsync();

        output.WriteLine($"{Charges} charges, instance {victim.Name} killed (SIGKILL) after {killedAt}: done in {charged.TotalSeconds:F1} s, {load.Retries} attempts retried on another instance, outbox empty after {drained.TotalSeconds:F1} s");
        output.WriteLine($"payments: {ids.Count} distinct for {payments.Count} keys, {sent.Count} sent to the gateway, {committed.Sum()} succeeded in the database; payment.succeeded events: {announced.Count} ({announced.Count - announced.Distinct(StringComparer.Ordinal).Count()} redelivered)");
        Assert.True(killedAt > 0, "the instance was killed during the load");
        Assert.Equal(Charges, ids.Count);
        Assert.InRange(unsent.Count, 0, Parallelism);
        Assert.Equal(unsent.Count, stillPending);
        Assert.All(committed, count => Assert.Equal(1, count));
        Assert.Empty(sent.Except(announced, StringComparer.Ordinal));
        Assert.True(charges > 0);
    }

    private static (string EventId, string Body) SucceededEvent(string paymentId)
    {
        var eventId = $"evt_scale{Guid.NewGuid():N}";
        var body = new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = "2025-01-27.acacia",
            ["type"] = "payment_intent.succeeded",
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = $"pi_scale{Guid.NewGuid():N}",
                    ["object"] = "payment_intent",
                    ["amount"] = 1000,
                    ["currency"] = "usd",
                    ["status"] = "succeeded",
                    ["metadata"] = new JsonObject { ["paydesk_payment_id"] = paymentId },
                },
            },
        }.ToJsonString();
        return (eventId, body);
    }

    private static async Task<(HttpStatusCode Status, bool Duplicate)> PostWebhookAsync(HttpClient client, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", WebhookSigner.Sign(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), PaydeskApiFactory.WebhookSecret));
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode && JsonNode.Parse(text)!["duplicate"]!.GetValue<bool>());
    }

    private Task<long> CountAsync(IEnumerable<string> paymentIds, string status) =>
        Cluster.ScalarAsync("SELECT count(*) FROM payments WHERE id = ANY(@ids) AND status = @status", ("ids", paymentIds.Select(Guid.Parse).ToArray()), ("status", status));

    // What earlier tests left in the consumer's queue is not this test's.
    private async Task DrainAsync()
    {
        await Eventually.Until(Cluster.PendingOutboxRowsAsync, pending => pending == 0, "the outbox to be published");
        await RabbitMqBroker.DrainAsync(Cluster.EventsQueue);
    }
}
