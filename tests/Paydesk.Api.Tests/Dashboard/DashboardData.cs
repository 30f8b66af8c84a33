using System.Net;
using System.Text.Json;

namespace Paydesk.Api.Tests.Dashboard;

/// <summary>Users and payments made through the API, as a company's backend makes them, for the dashboard to show.</summary>
internal static class DashboardData
{
    public static async Task<string> UserAsync(this DashboardBrowserFixture fixture, string? email = null)
    {
        using var client = fixture.Factory.CreateClientWithKey();
        return (await client.RegisterUserAsync(email)).Str("id");
    }

    public static async Task<JsonElement> PaymentAsync(
        this DashboardBrowserFixture fixture, string userId, long amount = 5_000, string currency = "EUR", IReadOnlyDictionary<string, string>? metadata = null, string? capture = null)
    {
        using var client = fixture.Factory.CreateClientWithKey();
        using var response = await client.PostJsonAsync(
            "/v1/payments",
            new { userId, amount, currency, source = "pm_card_visa", description = "Dashboard test order", metadata, capture },
            Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> ApiPaymentAsync(this DashboardBrowserFixture fixture, string paymentId)
    {
        using var client = fixture.Factory.CreateClientWithKey();
        using var response = await client.GetAsync(new Uri($"/v1/payments/{paymentId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
