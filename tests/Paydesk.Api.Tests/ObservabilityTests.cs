using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using OpenTelemetry.Trace;
using Paydesk.Infrastructure.Config;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>What an operator sees: metrics, traces, logs without secrets, and readiness.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task After_a_charge_the_metrics_endpoint_shows_paydesk_metrics_with_labels()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database);
        using var client = factory.CreateClientWithKey();
        var user = await client.RegisterUserAsync();
        await client.ChargedPaymentAsync(user.Id(), currency: "EUR");
        await client.ChargeAsync(user.Id(), source: "pm_card_chargeDeclined");

        var metrics = await PollAsync(
            () => factory.CreateClient().GetStringAsync("/metrics"),
            text => text.Contains("paydesk_payments_total", StringComparison.Ordinal) && text.Contains("outcome=\"failed\"", StringComparison.Ordinal));

        Assert.Matches("paydesk_payments_total\\{[^}]*currency=\"EUR\"[^}]*outcome=\"succeeded\"[^}]*\\} 1", metrics);
        Assert.Matches("paydesk_payments_total\\{[^}]*currency=\"USD\"[^}]*outcome=\"failed\"[^}]*\\} 1", metrics);
        Assert.Matches("paydesk_gateway_duration_seconds_count\\{[^}]*operation=\"charge\"", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_charge_is_one_trace_from_the_request_through_the_database_and_the_gateway()
    {
        var spans = new List<Activity>();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var factory = new PaydeskApiFactory(database, configure: builder => builder.ConfigureServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));
        using var client = factory.CreateClientWithKey();
        var user = await client.RegisterUserAsync();

        await client.ChargedPaymentAsync(user.Id());

        var request = await PollAsync(
            () => Task.FromResult(Snapshot(spans).FirstOrDefault(a => a.Kind == ActivityKind.Server && a.DisplayName == "POST /v1/payments/")),
            found => found is not null);
        var trace = Snapshot(spans).Where(a => a.TraceId == request!.TraceId).ToList();
        Assert.Contains(trace, a => a.DisplayName == "gateway charge");
        Assert.Contains(trace, a => a.Kind == ActivityKind.Client && a.Tags.Any(t => t.Key == "db.system" || t.Key == "db.system.name"));
    }

    [Fact]
    public async Task Logs_of_a_whole_flow_hold_no_secret_and_no_full_email_address()
    {
        const string smtpPassword = "smtp-password-7f3a91";
        const string databasePassword = "database-password-c41e";
        const string email = "very.private.person@example.com";
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = databasePassword }.ConnectionString;
        await using var factory = new PaydeskApiFactory(database, configure: builder =>
        {
            builder.UseSetting("ConnectionStrings:Paydesk", connectionString);
            builder.UseSetting("Email:Smtp:Username", "mailer");
            builder.UseSetting("Email:Smtp:Password", smtpPassword);
            builder.ConfigureLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        });
        using var client = factory.CreateClientWithKey();

        var user = await client.RegisterUserAsync(email);
        var payment = await client.ChargedPaymentAsync(user.Id());
        await client.RefundAsync(payment.Id(), amount: 100);
        await client.GetAsync($"/v1/payments/{payment.Id()}");

        var records = factory.Services.GetFakeLogCollector().GetSnapshot();
        var everything = string.Join('\n', records.Select(r => $"{r.Message} {string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])} {r.Exception}"));
        Assert.Contains("/v1/payments/{id}", everything, StringComparison.Ordinal);
        foreach (var secret in new[] { PaydeskApiFactory.ApiKey, smtpPassword, databasePassword, email })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Readiness_turns_unhealthy_when_the_database_is_unreachable_and_healthy_when_it_returns()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var factory = new PaydeskApiFactory(database, configure: builder => builder.UseSetting("Health:CacheSeconds", "0"));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;

        await ExecuteOnServerAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        var down = await PollAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        await ExecuteOnServerAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
        var up = await PollAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("Unhealthy", (await down.ReadJsonAsync()).Str("status"));
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
