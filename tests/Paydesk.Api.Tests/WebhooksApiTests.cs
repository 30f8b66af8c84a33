using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Paydesk.Sandbox;

namespace Paydesk.Api.Tests;

public abstract class WebhooksApiTests(ApiFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();
    private readonly HttpClient _anonymous = fixture.Factory.CreateClient();

    [Fact]
    public async Task Processing_payment_is_settled_by_the_sandbox_webhook()
    {
        var payment = await PendingPaymentAsync();
        var intentId = fixture.Emulator.PaymentIntentIdFor(Guid.Parse(payment))!;

        await fixture.Emulator.SettleAsync(intentId, CancellationToken.None);

        Assert.Equal("succeeded", await StatusAsync(payment));
    }

    [Fact]
    public async Task Valid_event_is_applied()
    {
        var payment = await PendingPaymentAsync();

        var response = await SendAsync(Event("payment_intent.succeeded", payment));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("succeeded", await StatusAsync(payment));
    }

    [Fact]
    public async Task Tampered_body_is_400_and_changes_nothing()
    {
        var payment = await PendingPaymentAsync();
        var body = Event("payment_intent.succeeded", payment);
        var signature = Sign(body, Now());

        var response = await SendAsync(body.Replace("succeeded", "payment_failed", StringComparison.Ordinal), signature);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_signature");
        Assert.Equal("pending", await StatusAsync(payment));
    }

    [Fact]
    public async Task Wrong_secret_is_400_and_changes_nothing()
    {
        var payment = await PendingPaymentAsync();
        var body = Event("payment_intent.succeeded", payment);

        var response = await SendAsync(body, WebhookSigner.Sign(body, Now(), "whsec_someone_else"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_signature");
        Assert.Equal("pending", await StatusAsync(payment));
    }

    [Fact]
    public async Task Stale_timestamp_is_400_and_changes_nothing()
    {
        var payment = await PendingPaymentAsync();
        var body = Event("payment_intent.succeeded", payment);

        var response = await SendAsync(body, Sign(body, Now() - 301));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_signature");
        Assert.Equal("pending", await StatusAsync(payment));
    }

    [Fact]
    public async Task Missing_signature_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/stripe") { Content = new StringContent(Event("payment_intent.succeeded", Guid.NewGuid().ToString()), Encoding.UTF8, "application/json") };

        var response = await _anonymous.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_signature");
    }

    [Fact]
    public async Task During_secret_rotation_any_v1_signature_may_match()
    {
        var payment = await PendingPaymentAsync();
        var body = Event("payment_intent.succeeded", payment);

        var response = await SendAsync(body, WebhookSigner.Sign(body, Now(), "whsec_the_old_secret", PaydeskApiFactory.WebhookSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("succeeded", await StatusAsync(payment));
    }

    [Fact]
    public async Task Duplicate_event_is_acknowledged_and_ignored()
    {
        var payment = await PendingPaymentAsync();
        var eventId = NewEventId();
        await SendAsync(Event("payment_intent.requires_action", payment, eventId));
        await SendAsync(Event("payment_intent.succeeded", payment));

        var duplicate = await SendAsync(Event("payment_intent.requires_action", payment, eventId));

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.True((await duplicate.ReadJsonAsync()).GetProperty("duplicate").GetBoolean());
        Assert.Equal("succeeded", await StatusAsync(payment));
    }

    [Fact]
    public async Task Out_of_order_events_never_move_a_payment_backwards()
    {
        var payment = await PendingPaymentAsync();

        await SendAsync(Event("payment_intent.succeeded", payment));
        var late = await SendAsync(Event("payment_intent.processing", payment));
        var later = await SendAsync(Event("payment_intent.payment_failed", payment));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal("succeeded", await StatusAsync(payment));
    }

    [Fact]
    public async Task Payment_failed_event_fails_a_pending_payment_with_a_safe_code()
    {
        var payment = await PendingPaymentAsync();

        await SendAsync(Event("payment_intent.payment_failed", payment, error: ("card_declined", "stolen_card")));

        var stored = await (await _client.GetAsync($"/v1/payments/{payment}")).ReadJsonAsync();
        Assert.Equal("failed", stored.Str("status"));
        Assert.Equal("card_declined", stored.Str("failureCode"));
    }

    [Fact]
    public async Task Unknown_event_type_is_acknowledged_and_ignored()
    {
        var payment = await PendingPaymentAsync();

        var response = await SendAsync(Event("customer.subscription.created", payment));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pending", await StatusAsync(payment));
    }

    [Fact]
    public async Task Event_from_another_api_version_with_unknown_fields_is_read()
    {
        var payment = await PendingPaymentAsync();
        var body = Event("payment_intent.succeeded", payment, apiVersion: "2099-01-01.future", extra: true);

        var response = await SendAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("succeeded", await StatusAsync(payment));
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string NewEventId() => $"evt_test{Guid.NewGuid():N}";

    private static string Sign(string body, long timestamp) => WebhookSigner.Sign(body, timestamp, PaydeskApiFactory.WebhookSecret);

    private static string Event(string type, string paymentId, string? eventId = null, (string Code, string Decline)? error = null, string apiVersion = "2025-01-27.acacia", bool extra = false)
    {
        var intent = new JsonObject
        {
            ["id"] = $"pi_test{Guid.NewGuid():N}",
            ["object"] = "payment_intent",
            ["amount"] = 1500,
            ["currency"] = "usd",
            ["metadata"] = new JsonObject { ["paydesk_payment_id"] = paymentId },
            ["last_payment_error"] = error is { } e ? new JsonObject { ["code"] = e.Code, ["decline_code"] = e.Decline } : null,
        };
        if (extra)
        {
            intent["a_field_from_the_future"] = new JsonObject { ["nested"] = true };
        }

        return new JsonObject
        {
            ["id"] = eventId ?? NewEventId(),
            ["object"] = "event",
            ["api_version"] = apiVersion,
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = intent },
        }.ToJsonString();
    }

    private Task<HttpResponseMessage> SendAsync(string body) => SendAsync(body, Sign(body, Now()));

    private async Task<HttpResponseMessage> SendAsync(string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signature);
        return await _anonymous.SendAsync(request);
    }

    private async Task<string> PendingPaymentAsync()
    {
        var user = await _client.RegisterUserAsync();
        var response = await _client.ChargeAsync(user.Id(), source: SandboxPaymentMethods.Processing);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadJsonAsync()).Id();
    }

    private async Task<string?> StatusAsync(string paymentId) =>
        (await (await _client.GetAsync($"/v1/payments/{paymentId}")).ReadJsonAsync()).Str("status");
}

public sealed class SqliteWebhooksApiTests(SqliteApiFixture fixture) : WebhooksApiTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresWebhooksApiTests(PostgresApiFixture fixture) : WebhooksApiTests(fixture), IClassFixture<PostgresApiFixture>;
