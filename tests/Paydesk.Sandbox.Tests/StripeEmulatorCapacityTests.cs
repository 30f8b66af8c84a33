using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Paydesk.Sandbox.Tests;

/// <summary>The emulator keeps at most <c>MaxObjects</c> of each kind in memory, forgetting the oldest.</summary>
public sealed class StripeEmulatorCapacityTests
{
    private const int Capacity = 100;

    [Fact]
    public async Task Beyond_its_capacity_the_emulator_forgets_the_oldest_payment_intents_and_keys()
    {
        await using var emulator = await StripeEmulator.StartAsync(new StripeEmulatorOptions
        {
            SecretKey = TestKeys.SecretKey,
            WebhookSecret = "whsec_capacity_tests",
            MaxObjects = Capacity,
        });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.SecretKey);
        var ids = new List<string>();

        for (var i = 0; i < Capacity + 10; i++)
        {
            using var created = await ChargeAsync(http, $"capacity-{i}");
            ids.Add((await ReadAsync(created)).GetProperty("id").GetString()!);
        }

        using var oldest = await http.GetAsync($"/v1/payment_intents/{ids[0]}");
        using var newest = await http.GetAsync($"/v1/payment_intents/{ids[^1]}");
        using var oldestKeyAgain = await ChargeAsync(http, "capacity-0");
        using var newestKeyAgain = await ChargeAsync(http, $"capacity-{Capacity + 9}");

        Assert.Equal(HttpStatusCode.NotFound, oldest.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        Assert.False(oldestKeyAgain.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", newestKeyAgain.Headers.GetValues("Idempotent-Replayed").Single());
    }

    private static async Task<HttpResponseMessage> ChargeAsync(HttpClient http, string idempotencyKey)
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
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
