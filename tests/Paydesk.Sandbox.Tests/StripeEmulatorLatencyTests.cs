using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Paydesk.TestSupport;

namespace Paydesk.Sandbox.Tests;

/// <summary><c>PaymentGateway:Sandbox:Latency</c>: a charge answers only once the latency has passed; other calls are not held.</summary>
public sealed class StripeEmulatorLatencyTests : IAsyncLifetime
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(300);

    // The latency runs on a clock the test moves, so a loaded machine cannot make it look shorter or longer.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private StripeEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await StripeEmulator.StartAsync(
            new StripeEmulatorOptions { SecretKey = TestKeys.SecretKey, WebhookSecret = "whsec_emulator_tests", Latency = Latency },
            _clock);
        _http = new HttpClient { BaseAddress = _emulator.BaseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.SecretKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task A_payment_intent_create_answers_only_after_the_latency()
    {
        // Arrange
        var charge = PostChargeAsync(Guid.NewGuid().ToString());
        await Eventually.True(() => _emulator.IdempotencyKeysInProgress == 1, "the charge is held by the latency");

        // Act
        _clock.Advance(Latency - TimeSpan.FromMilliseconds(1));
        var answeredEarly = charge.IsCompleted;
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await charge;

        // Assert
        Assert.False(answeredEarly, "the charge answered before its latency had passed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("succeeded", (await ReadAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reading_a_payment_intent_is_not_held_by_the_latency()
    {
        // Arrange
        var charge = PostChargeAsync(Guid.NewGuid().ToString());
        await Eventually.True(() => _emulator.IdempotencyKeysInProgress == 1, "the charge is held by the latency");
        _clock.Advance(Latency);
        using var created = await charge;
        var id = (await ReadAsync(created)).GetProperty("id").GetString();

        // Act: the clock no longer moves, so a held read would never answer.
        using var read = await _http.GetAsync(new Uri($"/v1/payment_intents/{id}", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private async Task<HttpResponseMessage> PostChargeAsync(string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payment_intents")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["amount"] = "1500",
                ["currency"] = "usd",
                ["confirm"] = "true",
                ["off_session"] = "true",
                ["payment_method"] = SandboxPaymentMethods.Visa,
            }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await _http.SendAsync(request);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
