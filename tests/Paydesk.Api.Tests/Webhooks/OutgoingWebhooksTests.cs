using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Webhooks;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Webhooks;

/// <summary>Events leave as signed webhooks to a real receiver, retried on the schedule, logged, redelivered.</summary>
public abstract class OutgoingWebhooksTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Every_event_type_reaches_an_endpoint_for_all_types_signed_with_its_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await WebhookTestHost.StartAsync(provider);
        var (_, secret) = await host.CreateEndpointAsync(receiver.Url, "*");
        receiver.Secrets["current"] = secret;

        var user = await host.Client.RegisterUserAsync();
        var paid = await host.Client.ChargedPaymentAsync(user.Id());
        Assert.Equal(HttpStatusCode.Created, (await host.Client.ChargeAsync(user.Id(), source: "pm_card_chargeDeclined")).StatusCode);
        var onSession = await host.Client.PostJsonAsync(
            "/v1/payments",
            new { userId = user.Id(), amount = 1500, currency = "USD", source = "pm_card_authenticationRequired", offSession = false, returnUrl = "https://shop.example/return" },
            $"charge-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Created, onSession.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.Client.RefundAsync(paid.Id(), 100)).StatusCode);
        var captured = await host.Client.AuthorizedPaymentAsync(user.Id());
        Assert.Equal(HttpStatusCode.OK, (await host.Client.CaptureAsync(captured.Id())).StatusCode);
        var canceled = await host.Client.AuthorizedPaymentAsync(user.Id());
        Assert.Equal(HttpStatusCode.OK, (await host.Client.CancelAsync(canceled.Id())).StatusCode);

        string[] expected =
        [
            "com.paydesk.payment.authorized", "com.paydesk.payment.authorized", "com.paydesk.payment.canceled", "com.paydesk.payment.captured",
            "com.paydesk.payment.failed", "com.paydesk.payment.refunded", "com.paydesk.payment.requires_action", "com.paydesk.payment.succeeded",
            "com.paydesk.user.registered",
        ];
        var received = await Eventually.Until(() => Task.FromResult(receiver.Received), r => r.Count >= expected.Length, "a webhook per event");
        Assert.Equal(expected, received.Select(r => JsonDocument.Parse(r.Body).RootElement.Str("type")).Order(StringComparer.Ordinal));
        Assert.All(received, r =>
        {
            Assert.True(r.VerifiedBy["current"], $"signature of {r.Id} verifies");
            Assert.Equal(JsonDocument.Parse(r.Body).RootElement.Str("id"), r.Id);
            Assert.StartsWith("v1,", r.Signature, StringComparison.Ordinal);
        });

        var delivered = await host.DeliveryAfterAsync(received[0].Id, 1);
        Assert.Equal(200, delivered.GetProperty("attemptLog")[0].GetProperty("statusCode").GetInt32());
        Assert.Equal("answer 200", delivered.GetProperty("attemptLog")[0].Str("responseBody"));
        await Eventually.Until(async () => (await host.DeliveryAfterAsync(received[0].Id, 1)).Str("status"), s => s == "succeeded", "delivery succeeded");
    }

    [Fact]
    public async Task An_endpoint_gets_only_the_types_it_asked_for()
    {
        await using var payments = await WebhookReceiver.StartAsync();
        await using var users = await WebhookReceiver.StartAsync();
        await using var host = await WebhookTestHost.StartAsync(provider);
        await host.CreateEndpointAsync(payments.Url, "payment.*");
        await host.CreateEndpointAsync(users.Url, "user.registered");

        var user = await host.Client.RegisterUserAsync();
        await host.Client.ChargedPaymentAsync(user.Id());

        await Eventually.Until(() => Task.FromResult(payments.Received.Count + users.Received.Count), c => c >= 2, "both endpoints served");
        var userEvent = Assert.Single(users.Received);
        Assert.Equal("com.paydesk.user.registered", JsonDocument.Parse(userEvent.Body).RootElement.Str("type"));
        var paymentEvent = Assert.Single(payments.Received);
        Assert.Equal("com.paydesk.payment.succeeded", JsonDocument.Parse(paymentEvent.Body).RootElement.Str("type"));
        Assert.Equal(1, (await host.EventAsync(userEvent.Id)).GetProperty("deliveries").GetArrayLength());
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_event_on_the_third_attempt_of_the_schedule()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = n => Task.FromResult(n <= 2 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status204NoContent);
        await using var host = await WebhookTestHost.StartAsync(provider, clock: clock);
        var meters = host.Factory.Services.GetRequiredService<IMeterFactory>();
        using var outcomes = new MetricCollector<long>(meters, WebhookMetrics.MeterName, "paydesk.webhook.deliveries");
        using var durations = new MetricCollector<double>(meters, WebhookMetrics.MeterName, "paydesk.webhook.attempt.duration");
        var (_, secret) = await host.CreateEndpointAsync(receiver.Url, "user.*");
        receiver.Secrets["current"] = secret;

        await host.Client.RegisterUserAsync();
        var eventId = (await Eventually.Until(() => Task.FromResult(receiver.Received), r => r.Count == 1, "first attempt"))[0].Id;
        var first = await host.DeliveryAfterAsync(eventId, 1);
        Assert.Equal("pending", first.Str("status"));
        Assert.Equal(503, first.GetProperty("attemptLog")[0].GetProperty("statusCode").GetInt32());

        clock.Advance(TimeSpan.FromSeconds(5));
        await host.DeliveryAfterAsync(eventId, 2);
        clock.Advance(TimeSpan.FromMinutes(1));
        var done = await host.DeliveryAfterAsync(eventId, 3);

        Assert.Equal("succeeded", done.Str("status"));
        Assert.Equal(3, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Equal(eventId, r.Id));
        Assert.All(receiver.Received, r => Assert.True(r.VerifiedBy["current"]));
        await Eventually.Until(() => Task.FromResult(outcomes.GetMeasurementSnapshot().Count), n => n == 3, "three outcomes counted");
        Assert.Equal(["retrying", "retrying", "succeeded"], outcomes.GetMeasurementSnapshot().Select(m => (string)m.Tags["outcome"]!).Order(StringComparer.Ordinal));
        Assert.Equal(3, durations.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_times_out_on_each_attempt_until_the_delivery_is_dead()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => new TaskCompletionSource<int>().Task;
        await using var host = await WebhookTestHost.StartAsync(provider, WebhookTestHost.Settings(("Webhooks:Timeout", "00:00:00.500")), clock);
        await host.CreateEndpointAsync(receiver.Url, "*");

        await host.Client.RegisterUserAsync();
        var eventId = (await Eventually.Until(() => Task.FromResult(receiver.Received), r => r.Count == 1, "first attempt"))[0].Id;
        await host.DeliveryAfterAsync(eventId, 1);
        clock.Advance(TimeSpan.FromSeconds(5));
        await host.DeliveryAfterAsync(eventId, 2);
        clock.Advance(TimeSpan.FromMinutes(1));
        var dead = await host.DeliveryAfterAsync(eventId, 3);

        Assert.Equal("dead", dead.Str("status"));
        Assert.All(dead.GetProperty("attemptLog").EnumerateArray(), a => Assert.StartsWith("timeout", a.Str("error"), StringComparison.Ordinal));
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task A_receiver_that_is_down_is_retried_on_schedule_then_dead_and_its_endpoint_disabled_with_a_notice()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = WebhookTestHost.Settings(("Webhooks:DisableAfter", "00:01:00"), ("Email:OperatorsAddress", "ops@example.com"));
        await using var host = await WebhookTestHost.StartAsync(provider, settings, clock);
        var (endpointId, _) = await host.CreateEndpointAsync(new Uri($"http://127.0.0.1:{ClosedPort()}/hook"), "*");

        var user = await host.Client.RegisterUserAsync();
        var eventId = (await (await host.Client.GetAsync("/v1/events")).ReadJsonAsync()).GetProperty("data")[0].Id();
        var first = await host.DeliveryAfterAsync(eventId, 1);
        Assert.StartsWith("connection_failed", first.GetProperty("attemptLog")[0].Str("error"), StringComparison.Ordinal);
        var retryIn = first.GetProperty("nextAttemptAt").GetDateTimeOffset() - clock.GetUtcNow();
        Assert.InRange(retryIn, TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(5));
        await host.DeliveryAfterAsync(eventId, 2);
        await host.Factory.Services.GetRequiredService<WebhookHousekeeping>().RunAsync(CancellationToken.None);
        var oldestAge = host.Factory.Services.GetRequiredService<WebhookMetrics>().OldestPendingAgeSeconds[Guid.Parse(endpointId)];
        clock.Advance(TimeSpan.FromMinutes(1));
        var dead = await host.DeliveryAfterAsync(eventId, 3);

        Assert.Equal("dead", dead.Str("status"));
        Assert.InRange(oldestAge, 4.9, 5.1);
        var endpoint = await Eventually.Until(
            async () => await (await host.Client.GetAsync($"/v1/webhook-endpoints/{endpointId}")).ReadJsonAsync(),
            e => !e.GetProperty("enabled").GetBoolean(),
            "endpoint disabled");
        Assert.Equal(JsonValueKind.String, endpoint.GetProperty("autoDisabledAt").ValueKind);
        var notice = await Eventually.Until(
            () => Task.FromResult(Directory.Exists(host.Factory.MailDirectory) ? Directory.GetFiles(host.Factory.MailDirectory, "*.eml") : []),
            files => files.Any(f => File.ReadAllText(f).Contains("webhook endpoint disabled", StringComparison.Ordinal)),
            "the operators' notice");
        Assert.Contains(notice, f => File.ReadAllText(f).Contains("ops@example.com", StringComparison.Ordinal));
        Assert.NotNull(user.Id());
    }

    [Fact]
    public async Task Redelivery_sends_the_same_event_id_and_body_with_a_fresh_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await WebhookTestHost.StartAsync(provider);
        var (endpointId, secret) = await host.CreateEndpointAsync(receiver.Url, "*");
        receiver.Secrets["current"] = secret;
        await host.Client.RegisterUserAsync();
        var original = (await Eventually.Until(() => Task.FromResult(receiver.Received), r => r.Count == 1, "first delivery"))[0];

        var all = await host.Client.PostJsonAsync($"/v1/events/{original.Id}/redeliver", new { }, null);
        var one = await host.Client.PostJsonAsync($"/v1/events/{original.Id}/redeliver", new { endpointId }, null);

        Assert.Equal(HttpStatusCode.Accepted, all.StatusCode);
        Assert.Equal(1, (await all.ReadJsonAsync()).GetProperty("deliveryIds").GetArrayLength());
        Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);
        var received = await Eventually.Until(() => Task.FromResult(receiver.Received), r => r.Count == 3, "two redeliveries");
        Assert.All(received, r =>
        {
            Assert.Equal(original.Id, r.Id);
            Assert.Equal(original.Body, r.Body);
            Assert.True(r.VerifiedBy["current"]);
        });
        await Eventually.Until(async () => (await host.EventAsync(original.Id)).GetProperty("deliveries").GetArrayLength(), n => n == 3, "three deliveries logged");
        await (await host.Client.PostJsonAsync($"/v1/events/{Guid.NewGuid()}/redeliver", new { }, null)).AssertProblemAsync(HttpStatusCode.NotFound, "event_not_found");
    }

    [Fact]
    public async Task After_a_rotation_deliveries_carry_signatures_by_the_old_and_the_new_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await WebhookTestHost.StartAsync(provider);
        var (endpointId, oldSecret) = await host.CreateEndpointAsync(receiver.Url, "*");

        var rotated = await host.Client.PostJsonAsync($"/v1/webhook-endpoints/{endpointId}/rotate-secret", new { }, null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var rotation = await rotated.ReadJsonAsync();
        var newSecret = rotation.Str("secret");
        receiver.Secrets["old"] = oldSecret;
        receiver.Secrets["new"] = newSecret;
        await host.Client.RegisterUserAsync();

        var webhook = (await Eventually.Until(() => Task.FromResult(receiver.Received), r => r.Count == 1, "a delivery"))[0];
        Assert.NotEqual(oldSecret, newSecret);
        Assert.StartsWith("whsec_", newSecret, StringComparison.Ordinal);
        Assert.Equal(2, webhook.Signature.Split(' ').Length);
        Assert.True(webhook.VerifiedBy["old"]);
        Assert.True(webhook.VerifiedBy["new"]);
        Assert.Equal(JsonValueKind.String, rotation.GetProperty("endpoint").GetProperty("previousSecretExpiresAt").ValueKind);
    }

    [Fact]
    public async Task Outside_Development_an_http_url_is_refused_naming_the_url()
    {
        await using var host = await WebhookTestHost.StartAsync(provider, WebhookTestHost.Settings(("Webhooks:RequireHttps", "true")));

        var http = await host.Client.PostJsonAsync("/v1/webhook-endpoints", new { url = "http://example.com/hook", eventTypes = new[] { "*" } }, null);
        var types = await host.Client.PostJsonAsync("/v1/webhook-endpoints", new { url = "https://example.com/hook", eventTypes = new[] { "Payment.**" } }, null);

        var problem = await http.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
        var typesProblem = await types.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(typesProblem.GetProperty("errors").TryGetProperty("eventTypes", out _));
    }

    [Fact]
    public async Task Events_are_listed_newest_first_in_keyset_pages_filtered_by_type()
    {
        await using var host = await WebhookTestHost.StartAsync(provider);
        for (var i = 0; i < 3; i++)
        {
            await host.Client.RegisterUserAsync();
        }

        var user = await host.Client.RegisterUserAsync();
        await host.Client.ChargedPaymentAsync(user.Id());

        var first = await (await host.Client.GetAsync("/v1/events?type=user.*&limit=3")).ReadJsonAsync();
        var second = await (await host.Client.GetAsync($"/v1/events?type=user.*&limit=3&cursor={Uri.EscapeDataString(first.Str("nextCursor"))}")).ReadJsonAsync();
        var payments = await (await host.Client.GetAsync("/v1/events?type=payment.succeeded")).ReadJsonAsync();

        var page = first.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(3, page.Count);
        Assert.Equal(page.OrderByDescending(t => t), page);
        Assert.Single(second.GetProperty("data").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal("payment.succeeded", Assert.Single(payments.GetProperty("data").EnumerateArray()).Str("type"));
        await (await host.Client.GetAsync("/v1/events?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class SqliteOutgoingWebhooksTests() : OutgoingWebhooksTests(DatabaseProvider.Sqlite);

public sealed class PostgresOutgoingWebhooksTests() : OutgoingWebhooksTests(DatabaseProvider.Postgres);
