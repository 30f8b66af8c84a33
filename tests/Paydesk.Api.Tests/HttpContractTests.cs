using System.Net.Http.Headers;
using System.Net;
using System.Text;

namespace Paydesk.Api.Tests;

/// <summary>What every caller meets at the door: keys, content types, sizes, malformed bodies.</summary>
public sealed class HttpContractTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("sk_test_wrong")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Every_v1_route_needs_a_known_api_key(string? authorization)
    {
        using var client = fixture.Factory.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization.StartsWith("Basic", StringComparison.Ordinal) ? authorization : $"Bearer {authorization}");
        }

        var id = Guid.NewGuid();
        var responses = new[]
        {
            await client.PostAsync("/v1/users", Json("{}")),
            await client.GetAsync($"/v1/users/{id}"),
            await client.GetAsync($"/v1/users/{id}/payments"),
            await client.PostAsync("/v1/payments", Json("{}")),
            await client.GetAsync($"/v1/payments/{id}"),
            await client.PostAsync($"/v1/payments/{id}/refunds", Json("{}")),
            await client.GetAsync("/v1/reports/daily-totals?from=2026-01-01&to=2026-01-02"),
        };

        foreach (var response in responses)
        {
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs/v1")]
    public async Task Health_and_documentation_need_no_key(string path)
    {
        using var client = fixture.Factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_route()
    {
        using var client = fixture.Factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        foreach (var route in new[] { "/v1/users", "/v1/users/{id}", "/v1/users/{id}/payments", "/v1/payments", "/v1/payments/{id}", "/v1/payments/{id}/refunds", "/v1/reports/daily-totals" })
        {
            Assert.Contains($"\"{route}\"", document, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{\"email\": \"a@example.com\", \"name\": ", "malformed_json")]
    [InlineData("[1, 2, 3]", "malformed_json")]
    [InlineData("{\"email\": 5, \"name\": \"x\"}", "malformed_json")]
    [InlineData("{\"email\": \"a@example.com\", \"name\": \"x\", \"admin\": true}", "malformed_json")]
    [InlineData("{\"email\": \"a@example.com\", \"email\": \"b@example.com\", \"name\": \"x\"}", "malformed_json")]
    [InlineData("", "bad_request")]
    public async Task Malformed_bodies_are_400_problems(string body, string code)
    {
        using var client = fixture.Factory.CreateClientWithKey();

        var response = await client.PostAsync("/v1/users", Json(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_400_not_a_crash()
    {
        using var client = fixture.Factory.CreateClientWithKey();
        var body = "{\"email\":" + new string('[', 5000) + new string(']', 5000) + "}";

        var response = await client.PostAsync("/v1/users", Json(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var client = fixture.Factory.CreateClientWithKey();

        var response = await client.PostAsync("/v1/users", new StringContent("email=a@example.com", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413()
    {
        using var client = fixture.Factory.CreateClientWithKey();
        var body = "{\"email\":\"a@example.com\",\"name\":\"" + new string('x', 70_000) + "\"}";

        var response = await client.PostAsync("/v1/users", Json(body));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_is_413()
    {
        using var client = fixture.Factory.CreateClientWithKey();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 70_000) + "\"}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var client = fixture.Factory.CreateClientWithKey();

        var response = await client.GetAsync("/v1/nothing-here");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Readiness_reports_the_database_check()
    {
        using var client = fixture.Factory.CreateClient();

        var health = await (await client.GetAsync("/health/ready")).ReadJsonAsync();

        Assert.Equal("Healthy", health.Str("status"));
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("database").Str("status"));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
