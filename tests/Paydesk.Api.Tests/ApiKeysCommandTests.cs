using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>
/// <c>api-keys create</c> and <c>api-keys hash</c>, run as the built service's own process with no
/// configuration at all, as an operator runs them before a service exists.
/// </summary>
public sealed partial class ApiKeysCommandTests
{
    // Nothing configured: no database, no keys. The commands must not need any.
    private static Dictionary<string, string> NoConfiguration() => new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" };

    [Theory]
    [InlineData(false, "sk_live_")]
    [InlineData(true, "sk_test_")]
    public async Task Create_prints_a_prefixed_high_entropy_key_and_its_configuration(bool test, string prefix)
    {
        var arguments = new List<string> { "api-keys", "create", "--name", "billing", "--scopes", "payments:read,payments:write" };
        if (test)
        {
            arguments.Add("--test");
        }

        var result = await CommandLineTests.RunServiceAsync(NoConfiguration(), [.. arguments]);

        Assert.True(result.ExitCode == 0, result.Output);
        var key = KeyPattern().Match(result.Output).Value;
        Assert.StartsWith(prefix, key, StringComparison.Ordinal);
        Assert.True(key.Length >= prefix.Length + 43, $"'{key}' is too short for 32 random bytes.");
        Assert.Contains($"PAYDESK_Auth__ApiKeys__0__Hash={PaydeskApiFactory.Sha256(key)}", result.Output, StringComparison.Ordinal);
        Assert.Contains("PAYDESK_Auth__ApiKeys__0__Name=billing", result.Output, StringComparison.Ordinal);
        Assert.Contains("PAYDESK_Auth__ApiKeys__0__Scopes__0=payments:read", result.Output, StringComparison.Ordinal);
        Assert.Contains("PAYDESK_Auth__ApiKeys__0__Scopes__1=payments:write", result.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..]);
        Assert.Equal(PaydeskApiFactory.Sha256(key), json.RootElement.GetProperty("Hash").GetString());
        Assert.Equal(["payments:read", "payments:write"], json.RootElement.GetProperty("Scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Two_created_keys_differ()
    {
        var first = await CommandLineTests.RunServiceAsync(NoConfiguration(), "api-keys", "create", "--name", "a", "--scopes", "users:read");
        var second = await CommandLineTests.RunServiceAsync(NoConfiguration(), "api-keys", "create", "--name", "a", "--scopes", "users:read");

        Assert.NotEqual(KeyPattern().Match(first.Output).Value, KeyPattern().Match(second.Output).Value);
    }

    [Fact]
    public async Task The_printed_configuration_lets_the_new_key_in_with_exactly_its_scopes()
    {
        var created = await CommandLineTests.RunServiceAsync(NoConfiguration(), "api-keys", "create", "--name", "reporting", "--scopes", "reports:read", "--index", "20");
        Assert.True(created.ExitCode == 0, created.Output);
        var key = KeyPattern().Match(created.Output).Value;
        var settings = ConfigLinePattern().Matches(created.Output)
            .ToDictionary(m => m.Groups[1].Value["PAYDESK_".Length..].Replace("__", ":", StringComparison.Ordinal), m => (string?)m.Groups[2].Value);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, settings: settings);
        using var client = factory.CreateClientWithKey(key);

        var allowed = await client.GetAsync("/v1/reports/daily-totals?from=2026-01-01&to=2026-01-02");
        var refused = await client.GetAsync($"/v1/users/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Theory]
    [InlineData("--name", "has spaces", "--scopes", "users:read")]
    [InlineData("--name", "ok", "--scopes", "users:delete")]
    [InlineData("--name", "ok")]
    [InlineData("--scopes", "users:read")]
    public async Task Create_refuses_a_bad_name_or_scope_and_prints_no_key(params string[] options)
    {
        var result = await CommandLineTests.RunServiceAsync(NoConfiguration(), ["api-keys", "create", .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotMatch(KeyPattern(), result.Output);
    }

    [Fact]
    public async Task Hash_prints_the_sha256_of_a_key_given_as_argument()
    {
        var result = await CommandLineTests.RunServiceAsync(NoConfiguration(), "api-keys", "hash", "sk_test_paydesk_dev");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("86bcc4d59ea69efbc8320b064b2391c4e76794caf2a2d2b3aa449b8eda62f992", result.Output.Trim());
    }

    [Fact]
    public async Task Hash_reads_the_key_from_standard_input()
    {
        var result = await CommandLineTests.RunServiceWithInputAsync(NoConfiguration(), "sk_live_from_stdin\n", "api-keys", "hash");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(PaydeskApiFactory.Sha256("sk_live_from_stdin"), result.Output.Trim());
    }

    [GeneratedRegex("sk_(live|test)_[A-Za-z0-9_-]{20,}")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^\s*(PAYDESK_Auth__ApiKeys__\d+__\w+(?:__\d+)?)=(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ConfigLinePattern();
}
