using Microsoft.EntityFrameworkCore;
using Paydesk.Infrastructure.Database;
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
    [InlineData("PAYDESK_Database__Provider", "Oracle", "Database:Provider")]
    [InlineData("PAYDESK_Database__MaxPoolSize", "0", "Database:MaxPoolSize")]
    [InlineData("ConnectionStrings__Paydesk", "", "ConnectionStrings:Paydesk")]
    [InlineData("PAYDESK_Auth__ApiKeys__0__Hash", "not-a-hash", "Auth:ApiKeys:0:Hash")]
    [InlineData("PAYDESK_Auth__ApiKeys__0__Name", "has spaces", "Auth:ApiKeys:0:Name")]
    [InlineData("PAYDESK_Auth__ApiKeys__0__Scopes__0", "payments:delete", "Auth:ApiKeys:0:Scopes")]
    [InlineData("PAYDESK_RateLimiting__Burst", "0", "RateLimiting:Burst")]
    [InlineData("PAYDESK_RateLimiting__PeriodSeconds", "-1", "RateLimiting:PeriodSeconds")]
    [InlineData("PAYDESK_ForwardedHeaders__KnownProxies__0", "not-an-ip", "ForwardedHeaders:KnownProxies")]
    [InlineData("PAYDESK_Cors__AllowedOrigins__0", "https://app.example.com/path", "Cors:AllowedOrigins")]
    [InlineData("PAYDESK_Messaging__Transport", "RabbitMq", "Messaging:RabbitMq:Uri")]
    [InlineData("PAYDESK_PaymentGateway__Stripe__SecretKey", "", "PaymentGateway:Stripe:SecretKey")]
    [InlineData("PAYDESK_PaymentGateway__Stripe__WebhookSecret", "", "PaymentGateway:Stripe:WebhookSecret")]
    [InlineData("PAYDESK_PaymentGateway__Stripe__ApiBase", "not a url", "PaymentGateway:Stripe:ApiBase")]
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

    [Theory]
    [InlineData("PAYDESK_Email__Transport=Smtp", "Email:Smtp:Host")]
    [InlineData("PAYDESK_Email__Transport=Smtp;PAYDESK_Email__Smtp__Host=mail.example.com", "Email:Smtp:Security")]
    [InlineData("PAYDESK_Email__Transport=Smtp;PAYDESK_Email__Smtp__Host=mail.example.com;PAYDESK_Email__Smtp__Security=SslOnConnect;PAYDESK_Email__Smtp__Port=25", "Email:Smtp:Security")]
    [InlineData("PAYDESK_Email__Transport=Smtp;PAYDESK_Email__Smtp__Host=mail.example.com;PAYDESK_Email__Smtp__Security=StartTls;PAYDESK_Email__Smtp__Username=u", "Email:Smtp:Password")]
    [InlineData("PAYDESK_Email__FromAddress=not-an-address", "Email:FromAddress")]
    public async Task Suspicious_email_settings_stop_start_up_and_name_their_key(string variables, string key)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = ValidSettings(database);
        foreach (var pair in variables.Split(';'))
        {
            settings[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        var result = await RunServiceAsync(settings);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(key, result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PAYDESK_PaymentGateway__Stripe__SecretKey", "", "environment variable PAYDESK_PaymentGateway__Stripe__SecretKey")]
    [InlineData("PAYDESK_PaymentGateway__Stripe__WebhookSecret", "", "environment variable PAYDESK_PaymentGateway__Stripe__WebhookSecret")]
    [InlineData("PAYDESK_Messaging__Transport", "RabbitMq", "environment variable PAYDESK_Messaging__RabbitMq__Uri")]
    [InlineData("ConnectionStrings__Paydesk", "", "environment variable ConnectionStrings__Paydesk")]
    public async Task A_missing_setting_names_the_environment_variable_Paydesk_reads(string variable, string value, string hint)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = ValidSettings(database);
        settings[variable] = value;

        var result = await RunServiceAsync(settings);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(hint, result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite", "Host=localhost;Port=5432;Database=paydesk", null)]
    [InlineData("Postgres", "Data Source=data/paydesk.db", null)]
    [InlineData("Sqlite", "Host=localhost;Port=5432;Database=paydesk", "migrate")]
    [InlineData("Postgres", "Data Source=data/paydesk.db", "migrate")]
    public async Task A_connection_string_of_the_other_provider_stops_with_one_line_naming_both_keys(string provider, string connectionString, string? command)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = ValidSettings(database);
        settings["PAYDESK_Database__Provider"] = provider;
        settings["ConnectionStrings__Paydesk"] = connectionString;

        var result = await RunServiceAsync(settings, command is null ? [] : [command]);

        Assert.Equal(1, result.ExitCode);
        var problem = result.Output.Split('\n').Where(l => l.Contains("ConnectionStrings:Paydesk", StringComparison.Ordinal)).ToList();
        Assert.True(problem.Count == 1, result.Output);
        Assert.Contains($"Database:Provider is {provider}", problem[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_without_any_api_key_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = ValidSettings(database);
        settings.Remove("PAYDESK_Auth__ApiKeys__0__Name");
        settings.Remove("PAYDESK_Auth__ApiKeys__0__Hash");

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

    internal static Dictionary<string, string> ValidSettings(TestDatabase database) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["PAYDESK_Database__Provider"] = database.Provider.ToString(),
        ["ConnectionStrings__Paydesk"] = database.ConnectionString,
        ["PAYDESK_Auth__ApiKeys__0__Name"] = "operator",
        ["PAYDESK_Auth__ApiKeys__0__Hash"] = PaydeskApiFactory.Sha256("sk_live_command_line_tests"),
        ["PAYDESK_Auth__ApiKeys__0__Scopes__0"] = "payments:read",
        ["PAYDESK_PaymentGateway__Stripe__SecretKey"] = "sk_test_command_line_tests",
        ["PAYDESK_PaymentGateway__Stripe__WebhookSecret"] = "whsec_command_line_tests",
    };

    internal static Task<(int ExitCode, string Output)> RunServiceAsync(Dictionary<string, string> environment, params string[] arguments) =>
        ServiceProcess.RunAsync(environment, AppContext.BaseDirectory, arguments);

    internal static Task<(int ExitCode, string Output)> RunServiceWithInputAsync(Dictionary<string, string> environment, string? standardInput, params string[] arguments) =>
        ServiceProcess.RunWithInputAsync(environment, AppContext.BaseDirectory, standardInput, arguments);
}
