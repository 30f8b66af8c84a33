using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Paydesk.Api.Tests;

/// <summary>Builders for the requests the tests send, with unique data by default.</summary>
internal static class Requests
{
    public static async Task<JsonElement> RegisterUserAsync(this HttpClient client, string? email = null, string name = "Ada Lovelace")
    {
        var response = await client.PostAsJsonAsync("/v1/users", new { email = email ?? $"ada-{Guid.NewGuid():N}@example.com", name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static Task<HttpResponseMessage> ChargeAsync(
        this HttpClient client,
        string userId,
        long amount = 1500,
        string currency = "USD",
        string source = "pm_card_visa",
        string? idempotencyKey = null,
        string? description = "Test order") =>
        client.PostJsonAsync("/v1/payments", new { userId, amount, currency, source, description }, idempotencyKey ?? Guid.NewGuid().ToString());

    public static async Task<JsonElement> ChargedPaymentAsync(this HttpClient client, string userId, long amount = 1500, string currency = "USD")
    {
        var response = await client.ChargeAsync(userId, amount, currency);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>A manual-capture charge, authorized and now <c>requires_capture</c>.</summary>
    public static async Task<JsonElement> AuthorizedPaymentAsync(this HttpClient client, string userId, long amount = 1500, string source = "pm_card_visa")
    {
        var response = await client.PostJsonAsync("/v1/payments", new { userId, amount, currency = "USD", source, description = "Test order", capture = "manual" }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await response.ReadJsonAsync();
        Assert.Equal("requires_capture", payment.Str("status"));
        return payment;
    }

    public static Task<HttpResponseMessage> CaptureAsync(this HttpClient client, string paymentId, long? amount = null, string? idempotencyKey = null) =>
        client.PostJsonAsync($"/v1/payments/{paymentId}/capture", amount is null ? new { } : new { amount }, idempotencyKey ?? Guid.NewGuid().ToString());

    public static Task<HttpResponseMessage> CancelAsync(this HttpClient client, string paymentId, string? reason = null, string? idempotencyKey = null) =>
        client.PostJsonAsync($"/v1/payments/{paymentId}/cancel", reason is null ? new { } : new { reason }, idempotencyKey ?? Guid.NewGuid().ToString());

    public static Task<HttpResponseMessage> RefundAsync(this HttpClient client, string paymentId, long? amount = null, string? idempotencyKey = null) =>
        client.PostJsonAsync($"/v1/payments/{paymentId}/refunds", amount is null ? new { } : new { amount }, idempotencyKey ?? Guid.NewGuid().ToString());

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the status and machine-readable code, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }

        Assert.DoesNotContain("   at ", problem.GetRawText(), StringComparison.Ordinal);
        return problem;
    }

    public static string Id(this JsonElement element) => element.GetProperty("id").GetString()!;

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static long Long(this JsonElement element, string property) => element.GetProperty(property).GetInt64();
}
