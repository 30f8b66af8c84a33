using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Paydesk.Api.OpenApi;
using Paydesk.Api.Auth;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.OpenApi;

/// <summary>
/// The interactive reference under /docs, read from the configuration its page hands to Scalar:
/// it talks only to Paydesk, and in Development it comes with the local key.
/// (ApiReferenceBrowserTests drives the page itself in a browser.)
/// </summary>
public sealed partial class ApiReferencePageTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task The_reference_turns_off_what_leads_outside_paydesk()
    {
        using var client = fixture.Factory.CreateClient();

        var (page, configuration) = await GetPageAsync(client);

        Assert.True(configuration.GetProperty("hideClientButton").GetBoolean());
        Assert.False(configuration.GetProperty("telemetry").GetBoolean());
        Assert.Equal("never", configuration.GetProperty("showDeveloperTools").GetString());
        Assert.True(configuration.GetProperty("agent").GetProperty("disabled").GetBoolean());
        Assert.True(configuration.GetProperty("mcp").GetProperty("disabled").GetBoolean());
        Assert.False(configuration.GetProperty("withDefaultFonts").GetBoolean());
        Assert.False(configuration.TryGetProperty("proxyUrl", out _), "requests must go straight to Paydesk, not through a proxy");
        Assert.Contains("scalar.com", configuration.GetProperty("customCss").GetString(), StringComparison.Ordinal);
        Assert.DoesNotMatch(SourceOutsidePaydesk(), page);
    }

    [Fact]
    public async Task The_reference_prefers_the_api_key_scheme_and_outside_development_fills_in_no_key()
    {
        using var client = fixture.Factory.CreateClient();

        var (page, configuration) = await GetPageAsync(client);

        var authentication = configuration.GetProperty("authentication");
        Assert.Equal(["ApiKey"], authentication.GetProperty("preferredSecurityScheme").EnumerateArray().Select(s => s.GetString()));
        Assert.False(authentication.TryGetProperty("securitySchemes", out _));
        Assert.DoesNotContain(ApiReference.DevelopmentApiKey, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_the_reference_fills_in_the_local_key_and_that_key_is_accepted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, settings: LocalKey(), configure: builder => builder.UseEnvironment("Development"));
        using var client = factory.CreateClient();

        var (_, configuration) = await GetPageAsync(client);
        var token = configuration.GetProperty("authentication").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var tryIt = await client.GetAsync("/v1/reports/daily-totals?from=2026-01-01&to=2026-01-02");

        Assert.Equal(ApiReference.DevelopmentApiKey, token);
        Assert.Equal(HttpStatusCode.OK, tryIt.StatusCode);
    }

    [Fact]
    public async Task In_development_without_the_local_key_configured_the_reference_fills_in_none()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, configure: builder => builder.UseEnvironment("Development"));
        using var client = factory.CreateClient();

        var (page, _) = await GetPageAsync(client);

        Assert.DoesNotContain(ApiReference.DevelopmentApiKey, page, StringComparison.Ordinal);
    }

    /// <summary>The local key as Development configures it, after the test factory's own keys.</summary>
    internal static Dictionary<string, string?> LocalKey()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:50:Name"] = "local-dev",
            ["Auth:ApiKeys:50:Hash"] = PaydeskApiFactory.Sha256(ApiReference.DevelopmentApiKey),
        };
        for (var i = 0; i < ApiScopes.All.Count; i++)
        {
            settings[$"Auth:ApiKeys:50:Scopes:{i}"] = ApiScopes.All[i];
        }

        return settings;
    }

    private static async Task<(string Page, JsonElement Configuration)> GetPageAsync(HttpClient client)
    {
        var response = await client.GetAsync("/docs/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        var match = ScalarConfiguration().Match(page);
        Assert.True(match.Success, $"no Scalar configuration in the page:\n{page}");
        return (page, JsonDocument.Parse(match.Groups["json"].Value).RootElement.Clone());
    }

    // initialize('<path>', <dynamic base url>, { ...configuration... }, '<module>')
    [GeneratedRegex(@"initialize\(\s*'[^']*',\s*(?:true|false),\s*(?<json>\{.*\}),\s*'[^']*'\)", RegexOptions.Singleline)]
    private static partial Regex ScalarConfiguration();

    // A script, style sheet or font the page would load from another origin.
    [GeneratedRegex(@"(?:src|href)\s*=\s*[""']?(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex SourceOutsidePaydesk();
}
