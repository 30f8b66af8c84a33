using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Paydesk.Infrastructure.Config;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>
/// The built service run as its own process, as an operator runs it: the migrate command, and
/// start-up refusing an invalid configuration before it listens.
/// </summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_applies_every_migration_and_can_run_again(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = ValidSettings(database);

        var first = await RunServiceAsync(settings, "migrate");
        var second = await RunServiceAsync(settings, "migrate");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        await using var db = database.CreateContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Theory]
    [InlineData("Database__Provider", "Oracle", "Database:Provider")]
    [InlineData("Database__MaxPoolSize", "0", "Database:MaxPoolSize")]
    [InlineData("ConnectionStrings__Paydesk", "", "ConnectionStrings:Paydesk")]
    [InlineData("Auth__ApiKeys__0__Hash", "not-a-hash", "Auth:ApiKeys:0:Hash")]
    [InlineData("Auth__ApiKeys__0__Name", "has spaces", "Auth:ApiKeys:0:Name")]
    [InlineData("PaymentGateway__Stripe__SecretKey", "", "PaymentGateway:Stripe:SecretKey")]
    [InlineData("PaymentGateway__Stripe__WebhookSecret", "", "PaymentGateway:Stripe:WebhookSecret")]
    [InlineData("PaymentGateway__Stripe__ApiBase", "not a url", "PaymentGateway:Stripe:ApiBase")]
    public async Task An_invalid_setting_stops_start_up_and_names_its_key(string variable, string value, string key)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = ValidSettings(database);
        settings[variable] = value;

        var result = await RunServiceAsync(settings);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(key, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_without_any_api_key_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = ValidSettings(database);
        settings.Remove("Auth__ApiKeys__0__Name");
        settings.Remove("Auth__ApiKeys__0__Hash");

        var result = await RunServiceAsync(settings);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Auth:ApiKeys", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await RunServiceAsync(ValidSettings(database), "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown command", result.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ValidSettings(TestDatabase database) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["Database__Provider"] = database.Provider.ToString(),
        ["ConnectionStrings__Paydesk"] = database.ConnectionString,
        ["Auth__ApiKeys__0__Name"] = "operator",
        ["Auth__ApiKeys__0__Hash"] = PaydeskApiFactory.Sha256("sk_live_command_line_tests"),
        ["PaymentGateway__Stripe__SecretKey"] = "sk_test_command_line_tests",
        ["PaymentGateway__Stripe__WebhookSecret"] = "whsec_command_line_tests",
    };

    private static async Task<(int ExitCode, string Output)> RunServiceAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(directory, "Paydesk.Api.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The service did not exit within 60 s: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
