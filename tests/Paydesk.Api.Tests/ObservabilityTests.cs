using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using OpenTelemetry.Trace;
using Paydesk.Api.Observability;
using Paydesk.Application.Common;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>What an operator sees: metrics, traces, logs without secrets, and readiness.</summary>
[Collection(ProcessWideTelemetryCollection.Name)]
public sealed class ObservabilityTests
{
    [Fact]
    public async Task After_a_charge_the_metrics_endpoint_shows_paydesk_metrics_with_labels()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database);
        using var client = factory.CreateClientWithKey();
        var user = await client.RegisterUserAsync();
        var euros = await client.ChargedPaymentAsync(user.Id(), currency: "EUR");
        await client.ChargeAsync(user.Id(), source: "pm_card_chargeDeclined");
        await client.RefundAsync(euros.Id(), amount: 100);
        await PostSignedWebhookAsync(factory.CreateClient(), """{"id":"evt_metrics_test","object":"event","type":"customer.created","data":{"object":{"id":"cus_metrics","object":"customer"}}}""");

        // Polled until every series the test asserts is there: the emails and the outbox count in the background.
        string[] expected =
        [
            "paydesk_payments_total\\{[^}]*currency=\"EUR\"[^}]*outcome=\"succeeded\"[^}]*\\} 1",
            "paydesk_payments_total\\{[^}]*currency=\"USD\"[^}]*outcome=\"failed\"[^}]*\\} 1",
            "paydesk_gateway_duration_seconds_count\\{[^}]*operation=\"charge\"",
            "http_server_request_duration_seconds",
            "paydesk_refunds_total\\{[^}]*currency=\"EUR\"[^}]*outcome=\"succeeded\"[^}]*\\} 1",
            "paydesk_webhook_events_total\\{[^}]*result=\"applied\"[^}]*type=\"customer.created\"[^}]*\\} 1",
            "paydesk_emails_total\\{[^}]*result=\"Delivered\"[^}]*template=\"welcome\"",
            "paydesk_outbox_published_total",
            "paydesk_outbox_backlog",
            "paydesk_outbox_oldest_due_age",
        ];
        using var scraper = factory.CreateClient();
        var metrics = await Eventually.Until(
            () => scraper.GetStringAsync("/metrics"),
            text => expected.All(pattern => Regex.IsMatch(text, pattern)),
            "every expected series in /metrics");

        Assert.All(expected, pattern => Assert.Matches(pattern, metrics));
    }

    [Fact]
    public async Task A_charge_is_one_trace_from_the_request_through_the_database_and_the_gateway()
    {
        var spans = new SpanCollection();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        // Traces are sampled only for an exporter: OTLP's endpoint, or a sampler an operator names.
        await using var factory = new PaydeskApiFactory(database, configure: builder => builder
            .UseSetting(TraceSampling.SamplerSetting, "always_on")
            .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));
        using var client = factory.CreateClientWithKey();
        var user = await client.RegisterUserAsync();

        var payment = await client.ChargedPaymentAsync(user.Id());

        // Found by the payment's id, not by the route: other hosts' requests may be in the list too.
        // The whole trace is polled for: the server span ends only after the client has the response.
        var trace = await Eventually.Until(
            () => Task.FromResult(TraceOfGatewayCharge(spans.Snapshot(), payment.Id())),
            found => found.Any(IsChargeRequest) && found.Any(IsDatabaseCall),
            "the charge's trace with its request and database spans");

        Assert.Contains(trace, a => a.DisplayName == "gateway charge");
        Assert.Contains(trace, IsChargeRequest);
        Assert.Contains(trace, IsDatabaseCall);

        static bool IsChargeRequest(Activity a) => a.Kind == ActivityKind.Server && a.DisplayName == "POST /v1/payments/";

        static bool IsDatabaseCall(Activity a) => a.Kind == ActivityKind.Client && a.Tags.Any(t => t.Key == "db.system" || t.Key == "db.system.name");
    }

    [Fact]
    public async Task Without_an_exporter_or_a_sampler_setting_no_span_is_recorded()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database);
        using var client = factory.CreateClientWithKey();
        await client.RegisterUserAsync();
        using var aspNetCore = new ActivitySource("Microsoft.AspNetCore");

        using var request = aspNetCore.StartActivity("probe request", ActivityKind.Server);
        using var own = PaydeskTelemetry.ActivitySource.StartActivity("probe");

        // Dropped spans may still exist to carry the trace context, but nothing records them.
        Assert.False(request is { IsAllDataRequested: true }, "the request span is recorded");
        Assert.False(own is { IsAllDataRequested: true }, "Paydesk's own span is recorded");
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
        var webhook = await PostSignedWebhookAsync(factory.CreateClient(), """{"id":"evt_logs_test","object":"event","type":"customer.created","data":{"object":{"id":"cus_logs","object":"customer"}}}""");
        Assert.True(webhook.IsSuccessStatusCode, await webhook.Content.ReadAsStringAsync());

        var records = factory.Services.GetFakeLogCollector().GetSnapshot();
        var everything = string.Join('\n', records.Select(r => $"{r.Message} {string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])} {r.Exception}"));
        Assert.Contains("/v1/payments/{id}", everything, StringComparison.Ordinal);
        foreach (var secret in new[] { PaydeskApiFactory.ApiKey, PaydeskApiFactory.StripeSecretKey, PaydeskApiFactory.WebhookSecret, smtpPassword, databasePassword, email })
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
        var down = await Eventually.Until(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "readiness to turn unhealthy");
        await ExecuteOnServerAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
        var up = await Eventually.Until(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "readiness to turn healthy again");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("Unhealthy", (await down.ReadJsonAsync()).Str("status"));
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostSignedWebhookAsync(HttpClient client, string payload)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(PaydeskApiFactory.WebhookSecret),
            System.Text.Encoding.UTF8.GetBytes($"{timestamp}.{payload}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/stripe")
        {
            Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", $"t={timestamp},v1={signature}");
        return await client.SendAsync(request);
    }

    private static List<Activity> TraceOfGatewayCharge(List<Activity> spans, string paymentId) =>
        spans.FirstOrDefault(a => a.DisplayName == "gateway charge" && Equals(a.GetTagItem("paydesk.resource.id"), paymentId)) is { } gatewayCall
            ? spans.Where(a => a.TraceId == gatewayCall.TraceId).ToList()
            : [];

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
