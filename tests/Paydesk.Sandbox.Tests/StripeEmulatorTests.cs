using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Paydesk.TestSupport;

namespace Paydesk.Sandbox.Tests;

/// <summary>The emulator's HTTP contract, spoken to directly in Stripe's form encoding.</summary>
public sealed class StripeEmulatorTests : IAsyncLifetime
{
    private StripeEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await StripeEmulator.StartAsync(new StripeEmulatorOptions
        {
            SecretKey = TestKeys.SecretKey,
            FaultDelay = TimeSpan.FromSeconds(1),
            ProcessingDelay = TimeSpan.FromHours(1),
            WebhookSecret = "whsec_emulator_tests",
        });
        _http = new HttpClient { BaseAddress = _emulator.BaseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.SecretKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Wrong_api_key_gets_401_with_stripe_error_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/payment_intents/pi_x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_nope");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await ReadAsync(response)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Replay_returns_the_first_response_marked_as_replayed()
    {
        var key = Guid.NewGuid().ToString();
        var body = Charge();

        using var first = await PostAsync("/v1/payment_intents", key, body);
        using var second = await PostAsync("/v1/payment_intents", key, body);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal((await ReadAsync(first)).GetProperty("id").GetString(), (await ReadAsync(second)).GetProperty("id").GetString());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task Key_reused_with_other_parameters_gets_400_idempotency_error()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync("/v1/payment_intents", key, Charge(amount: "100"));

        using var second = await PostAsync("/v1/payment_intents", key, Charge(amount: "200"));

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("idempotency_error", (await ReadAsync(second)).GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Concurrent_use_of_a_key_gets_409()
    {
        // The slow request's delay runs on a clock the test moves, so it holds its key for as long as
        // the test needs, however slowly a loaded machine delivers the second request.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StripeEmulator.StartAsync(
            new StripeEmulatorOptions { SecretKey = TestKeys.SecretKey, FaultDelay = TimeSpan.FromMinutes(1), WebhookSecret = "whsec_emulator_tests" },
            clock);
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.SecretKey);
        var key = Guid.NewGuid().ToString();
        var body = Charge();
        emulator.Faults.FailNext(EmulatorFault.Delay);
        var slow = PostAsync(http, "/v1/payment_intents", key, body);
        await Eventually.True(() => emulator.IdempotencyKeysInProgress == 1, "the slow request holds its idempotency key");

        using var concurrent = await PostAsync(http, "/v1/payment_intents", key, body);
        clock.Advance(TimeSpan.FromMinutes(1));
        using var first = await slow;

        Assert.Equal(HttpStatusCode.Conflict, concurrent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task Declined_card_answers_402_with_the_payment_intent()
    {
        using var response = await PostAsync("/v1/payment_intents", Guid.NewGuid().ToString(), Charge(method: SandboxPaymentMethods.InsufficientFunds));

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var error = (await ReadAsync(response)).GetProperty("error");
        Assert.Equal("card_error", error.GetProperty("type").GetString());
        Assert.Equal("insufficient_funds", error.GetProperty("decline_code").GetString());
        Assert.Equal("requires_payment_method", error.GetProperty("payment_intent").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Server_error_fault_changes_nothing()
    {
        var paymentId = Guid.NewGuid();
        _emulator.Faults.FailNext(EmulatorFault.ServerError);

        using var response = await PostAsync("/v1/payment_intents", Guid.NewGuid().ToString(), Charge(paymentId: paymentId));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, _emulator.PaymentIntentsCreatedFor(paymentId));
    }

    [Fact]
    public async Task Dropped_response_fault_still_creates_the_payment_intent()
    {
        var paymentId = Guid.NewGuid();
        _emulator.Faults.FailNext(EmulatorFault.DropResponse);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => PostAsync("/v1/payment_intents", Guid.NewGuid().ToString(), Charge(paymentId: paymentId)));

        Assert.Equal(1, _emulator.PaymentIntentsCreatedFor(paymentId));
    }

    [Fact]
    public async Task Search_by_metadata_finds_the_payment_intent()
    {
        var paymentId = Guid.NewGuid();
        using var created = await PostAsync("/v1/payment_intents", Guid.NewGuid().ToString(), Charge(paymentId: paymentId));

        using var response = await _http.GetAsync($"/v1/payment_intents/search?query={Uri.EscapeDataString($"metadata['paydesk_payment_id']:'{paymentId}'")}");

        var data = (await ReadAsync(response)).GetProperty("data");
        Assert.Equal((await ReadAsync(created)).GetProperty("id").GetString(), Assert.Single(data.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Processing_payment_settles_with_a_signed_webhook()
    {
        var delivered = new TaskCompletionSource<(string Payload, string Signature)>();
        _emulator.WebhookTransport = (payload, signature, _) =>
        {
            delivered.TrySetResult((payload, signature));
            return Task.CompletedTask;
        };
        using var created = await PostAsync("/v1/payment_intents", Guid.NewGuid().ToString(), Charge(method: SandboxPaymentMethods.Processing));
        var intent = await ReadAsync(created);
        Assert.Equal("processing", intent.GetProperty("status").GetString());

        await _emulator.SettleAsync(intent.GetProperty("id").GetString()!, CancellationToken.None);

        var (payload, signature) = await delivered.Task.WaitAsync(Eventually.DefaultDeadline);
        using var json = JsonDocument.Parse(payload);
        Assert.Equal("payment_intent.succeeded", json.RootElement.GetProperty("type").GetString());
        var parts = signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(WebhookSigner.Compute(payload, long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture), "whsec_emulator_tests"), parts["v1"]);
    }

    private static Dictionary<string, string> Charge(string amount = "1500", string method = SandboxPaymentMethods.Visa, Guid? paymentId = null) => new()
    {
        ["amount"] = amount,
        ["currency"] = "usd",
        ["confirm"] = "true",
        ["off_session"] = "true",
        ["payment_method"] = method,
        ["metadata[paydesk_payment_id]"] = (paymentId ?? Guid.NewGuid()).ToString(),
    };

    private Task<HttpResponseMessage> PostAsync(string path, string idempotencyKey, Dictionary<string, string> form) =>
        PostAsync(_http, path, idempotencyKey, form);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string idempotencyKey, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
