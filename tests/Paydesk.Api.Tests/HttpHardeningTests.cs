using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>Security headers, no banner, and the HTTPS, proxy and CORS switches.</summary>
public sealed class HttpHardeningTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    [Theory]
    [InlineData("/health/live", null)]
    [InlineData("/v1/users/3f2504e0-4f89-41d3-9a0c-0305e82c3301", "key")]
    [InlineData("/v1/users", null)]
    [InlineData("/v1/nothing", "key")]
    public async Task Every_answer_carries_the_security_headers_and_no_server_banner(string path, string? key)
    {
        using var client = key is null ? fixture.Factory.CreateClient() : fixture.Factory.CreateClientWithKey();

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("default-src 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    public async Task The_docs_page_gets_a_csp_that_lets_its_own_script_run_and_nothing_from_elsewhere()
    {
        using var client = fixture.Factory.CreateClient();

        var response = await client.GetAsync("/docs/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("*", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_and_hsts_are_off_by_default()
    {
        using var client = fixture.Factory.CreateClient();

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Cors_is_off_by_default()
    {
        using var client = fixture.Factory.CreateClient();
        using var preflight = Preflight("https://evil.example");

        var response = await client.SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_allows_only_the_configured_origins()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, settings: new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://app.example.com" });
        using var client = factory.CreateClient();
        using var allowed = Preflight("https://app.example.com");
        using var refused = Preflight("https://evil.example");

        var allowedResponse = await client.SendAsync(allowed);
        var refusedResponse = await client.SendAsync(refused);

        Assert.Equal("https://app.example.com", Header(allowedResponse, "Access-Control-Allow-Origin"));
        Assert.False(refusedResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Behind_a_configured_proxy_https_is_enforced_and_only_that_proxy_is_believed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, settings: new Dictionary<string, string?>
        {
            ["Https:Redirect"] = "true",
            ["Https:Hsts"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = "10.1.2.3",
        });

        var viaProxy = await SendFromAsync(factory.Server, "10.1.2.3");
        var spoofed = await SendFromAsync(factory.Server, "10.9.9.9");

        Assert.Equal(StatusCodes.Status200OK, viaProxy.Response.StatusCode);
        Assert.StartsWith("max-age=", viaProxy.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status307TemporaryRedirect, spoofed.Response.StatusCode);
        Assert.StartsWith("https://", spoofed.Response.Headers.Location.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A plain-HTTP request that claims, by X-Forwarded-Proto, to have come in over HTTPS.</summary>
    private static Task<HttpContext> SendFromAsync(TestServer server, string remoteAddress) =>
        server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("paydesk.example.com");
            context.Request.Path = "/health/live";
            context.Request.Headers["X-Forwarded-Proto"] = "https";
            context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
            context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
        });

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/users");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : string.Empty;
}
