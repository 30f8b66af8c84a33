using System.Net;
using System.Text;
using Paydesk.Api.Auth;

namespace Paydesk.Api.Tests;

/// <summary>
/// Every route × every kind of caller: no key and an unknown key are 401, a known key without the
/// route's scope is 403 naming the scope, a key with only that scope gets the route's answer.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    /// <summary>Each route, the one scope it needs, and the status its well-formed request gets.</summary>
    private static readonly Dictionary<string, (string Scope, HttpStatusCode Success)> Routes = new(StringComparer.Ordinal)
    {
        ["POST /v1/users"] = (ApiScopes.UsersWrite, HttpStatusCode.Created),
        ["GET /v1/users/{id}"] = (ApiScopes.UsersRead, HttpStatusCode.OK),
        ["GET /v1/users/{id}/payments"] = (ApiScopes.PaymentsRead, HttpStatusCode.OK),
        ["POST /v1/payments"] = (ApiScopes.PaymentsWrite, HttpStatusCode.Created),
        ["GET /v1/payments/{id}"] = (ApiScopes.PaymentsRead, HttpStatusCode.OK),
        ["GET /v1/payments/{id}/disputes"] = (ApiScopes.PaymentsRead, HttpStatusCode.OK),
        ["GET /v1/payments/{id}/history"] = (ApiScopes.PaymentsRead, HttpStatusCode.OK),
        ["POST /v1/payments/{id}/refunds"] = (ApiScopes.RefundsWrite, HttpStatusCode.Created),
        ["POST /v1/payments/{id}/capture"] = (ApiScopes.PaymentsWrite, HttpStatusCode.OK),
        ["POST /v1/payments/{id}/cancel"] = (ApiScopes.PaymentsWrite, HttpStatusCode.OK),
        ["GET /v1/reports/daily-totals"] = (ApiScopes.ReportsRead, HttpStatusCode.OK),
        ["GET /v1/payments"] = (ApiScopes.PaymentsRead, HttpStatusCode.OK),
        ["GET /v1/exports/payments"] = (ApiScopes.ReportsRead, HttpStatusCode.OK),
        ["POST /v1/users/{id}/payment-method-setups"] = (ApiScopes.UsersWrite, HttpStatusCode.Created),
        ["GET /v1/users/{id}/payment-method-setups/{setupId}"] = (ApiScopes.UsersWrite, HttpStatusCode.OK),
        ["POST /v1/users/{id}/payment-methods"] = (ApiScopes.UsersWrite, HttpStatusCode.Created),
        ["GET /v1/users/{id}/payment-methods"] = (ApiScopes.UsersRead, HttpStatusCode.OK),
        ["DELETE /v1/users/{id}/payment-methods/{pmId}"] = (ApiScopes.UsersWrite, HttpStatusCode.NoContent),
        ["POST /v1/users/{id}/payment-methods/{pmId}/default"] = (ApiScopes.UsersWrite, HttpStatusCode.OK),
        ["POST /v1/webhook-endpoints"] = (ApiScopes.WebhooksWrite, HttpStatusCode.Created),
        ["GET /v1/webhook-endpoints"] = (ApiScopes.WebhooksRead, HttpStatusCode.OK),
        ["GET /v1/webhook-endpoints/{id}"] = (ApiScopes.WebhooksRead, HttpStatusCode.OK),
        ["PATCH /v1/webhook-endpoints/{id}"] = (ApiScopes.WebhooksWrite, HttpStatusCode.OK),
        ["DELETE /v1/webhook-endpoints/{id}"] = (ApiScopes.WebhooksWrite, HttpStatusCode.NoContent),
        ["POST /v1/webhook-endpoints/{id}/rotate-secret"] = (ApiScopes.WebhooksWrite, HttpStatusCode.OK),
        ["GET /v1/events"] = (ApiScopes.WebhooksRead, HttpStatusCode.OK),
        ["GET /v1/events/{id}"] = (ApiScopes.WebhooksRead, HttpStatusCode.OK),
        ["POST /v1/events/{id}/redeliver"] = (ApiScopes.WebhooksWrite, HttpStatusCode.Accepted),
    };

    // A name that never resolves: the endpoints the matrix makes are never reached.
    private const string WebhookUrl = "https://paydesk-matrix.invalid/hook";

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes.Keys)
        {
            data.Add(route, "no key");
            data.Add(route, "unknown key");
            foreach (var scope in ApiScopes.All)
            {
                data.Add(route, scope);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_route_answers_each_caller_as_its_scope_says(string route, string caller)
    {
        var (scope, success) = Routes[route];
        using var request = await BuildRequestAsync(route);
        using var client = caller switch
        {
            "no key" => fixture.Factory.CreateClient(),
            "unknown key" => fixture.Factory.CreateClientWithKey("sk_test_not_a_configured_key_at_all_000000"),
            _ => fixture.Factory.CreateClientWithKey(PaydeskApiFactory.SingleScopeKeys[caller]),
        };

        var response = await client.SendAsync(request);

        if (caller is "no key" or "unknown key")
        {
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        else if (caller != scope)
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
            Assert.Equal(scope, problem.Str("scope"));
        }
        else
        {
            Assert.True(response.StatusCode == success, $"{route} with scope {scope}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task A_key_with_every_scope_may_call_every_route()
    {
        using var client = fixture.Factory.CreateClientWithKey();

        foreach (var (route, (_, success)) in Routes)
        {
            using var request = await BuildRequestAsync(route);
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == success, $"{route}: {(int)response.StatusCode}");
        }
    }

    /// <summary>A well-formed request for the route, on data made by the all-scopes key.</summary>
    private async Task<HttpRequestMessage> BuildRequestAsync(string route)
    {
        using var setup = fixture.Factory.CreateClientWithKey();
        var user = await setup.RegisterUserAsync();
        var payment = route.EndsWith("/capture", StringComparison.Ordinal) || route.EndsWith("/cancel", StringComparison.Ordinal)
            ? await setup.AuthorizedPaymentAsync(user.Id())
            : route.Contains("/v1/payments/", StringComparison.Ordinal) ? await setup.ChargedPaymentAsync(user.Id()) : default;
        var saved = route.Contains("{pmId}", StringComparison.Ordinal) ? await AttachAsync(setup, user.Id()) : null;
        var setupId = route.Contains("{setupId}", StringComparison.Ordinal)
            ? (await (await setup.PostAsync($"/v1/users/{user.Id()}/payment-method-setups", null)).ReadJsonAsync()).Id()
            : null;
        var endpointId = route.Contains("/v1/webhook-endpoints/", StringComparison.Ordinal)
            ? (await (await setup.PostJsonAsync("/v1/webhook-endpoints", new { url = WebhookUrl, eventTypes = new[] { "*" } }, null)).ReadJsonAsync()).GetProperty("endpoint").Str("id")
            : null;
        var eventId = route.Contains("/v1/events/", StringComparison.Ordinal)
            ? (await (await setup.GetAsync("/v1/events?limit=1")).ReadJsonAsync()).GetProperty("data")[0].Str("id")
            : null;
        var (method, path, body) = route switch
        {
            "POST /v1/users" => (HttpMethod.Post, "/v1/users", $"{{\"email\":\"m-{Guid.NewGuid():N}@example.com\",\"name\":\"Matrix\"}}"),
            "GET /v1/users/{id}" => (HttpMethod.Get, $"/v1/users/{user.Id()}", null),
            "GET /v1/users/{id}/payments" => (HttpMethod.Get, $"/v1/users/{user.Id()}/payments", null),
            "POST /v1/payments" => (HttpMethod.Post, "/v1/payments", $"{{\"userId\":\"{user.Id()}\",\"amount\":100,\"currency\":\"USD\",\"source\":\"pm_card_visa\"}}"),
            "GET /v1/payments/{id}" => (HttpMethod.Get, $"/v1/payments/{payment.Id()}", null),
            "GET /v1/payments/{id}/disputes" => (HttpMethod.Get, $"/v1/payments/{payment.Id()}/disputes", null),
            "GET /v1/payments/{id}/history" => (HttpMethod.Get, $"/v1/payments/{payment.Id()}/history", null),
            "POST /v1/payments/{id}/refunds" => (HttpMethod.Post, $"/v1/payments/{payment.Id()}/refunds", "{\"amount\":100}"),
            "POST /v1/payments/{id}/capture" => (HttpMethod.Post, $"/v1/payments/{payment.Id()}/capture", "{\"amount\":100}"),
            "POST /v1/payments/{id}/cancel" => (HttpMethod.Post, $"/v1/payments/{payment.Id()}/cancel", "{}"),
            "GET /v1/reports/daily-totals" => (HttpMethod.Get, "/v1/reports/daily-totals?from=2026-01-01&to=2026-01-31", (string?)null),
            "GET /v1/payments" => (HttpMethod.Get, $"/v1/payments?userId={user.Id()}", null),
            "GET /v1/exports/payments" => (HttpMethod.Get, "/v1/exports/payments?from=2026-01-01&to=2026-01-31", null),
            "POST /v1/users/{id}/payment-method-setups" => (HttpMethod.Post, $"/v1/users/{user.Id()}/payment-method-setups", "{}"),
            "GET /v1/users/{id}/payment-method-setups/{setupId}" => (HttpMethod.Get, $"/v1/users/{user.Id()}/payment-method-setups/{setupId}", null),
            "POST /v1/users/{id}/payment-methods" => (HttpMethod.Post, $"/v1/users/{user.Id()}/payment-methods", "{\"paymentMethod\":\"pm_card_visa\"}"),
            "GET /v1/users/{id}/payment-methods" => (HttpMethod.Get, $"/v1/users/{user.Id()}/payment-methods", null),
            "DELETE /v1/users/{id}/payment-methods/{pmId}" => (HttpMethod.Delete, $"/v1/users/{user.Id()}/payment-methods/{saved}", null),
            "POST /v1/users/{id}/payment-methods/{pmId}/default" => (HttpMethod.Post, $"/v1/users/{user.Id()}/payment-methods/{saved}/default", "{}"),
            "POST /v1/webhook-endpoints" => (HttpMethod.Post, "/v1/webhook-endpoints", $"{{\"url\":\"{WebhookUrl}\",\"eventTypes\":[\"payment.*\"]}}"),
            "GET /v1/webhook-endpoints" => (HttpMethod.Get, "/v1/webhook-endpoints", null),
            "GET /v1/webhook-endpoints/{id}" => (HttpMethod.Get, $"/v1/webhook-endpoints/{endpointId}", null),
            "PATCH /v1/webhook-endpoints/{id}" => (HttpMethod.Patch, $"/v1/webhook-endpoints/{endpointId}", "{\"enabled\":false}"),
            "DELETE /v1/webhook-endpoints/{id}" => (HttpMethod.Delete, $"/v1/webhook-endpoints/{endpointId}", null),
            "POST /v1/webhook-endpoints/{id}/rotate-secret" => (HttpMethod.Post, $"/v1/webhook-endpoints/{endpointId}/rotate-secret", null),
            "GET /v1/events" => (HttpMethod.Get, "/v1/events", null),
            "GET /v1/events/{id}" => (HttpMethod.Get, $"/v1/events/{eventId}", null),
            "POST /v1/events/{id}/redeliver" => (HttpMethod.Post, $"/v1/events/{eventId}/redeliver", "{}"),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, "Unknown route."),
        };

        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }

        return request;
    }

    private static async Task<string> AttachAsync(HttpClient client, string userId)
    {
        var response = await client.PostAsync($"/v1/users/{userId}/payment-methods", new StringContent("{\"paymentMethod\":\"pm_card_visa\"}", Encoding.UTF8, "application/json"));
        return (await response.ReadJsonAsync()).Id();
    }
}
