using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Application.Reconciliation;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.External.PaymentGateway.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>
/// The whole service in memory, on a test database of either provider, charging through the
/// production Stripe adapter against a sandbox emulator on loopback (owned by the caller).
/// </summary>
public sealed class PaydeskApiFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "sk_test_api_tests_primary_key";
    public const string OtherApiKey = "sk_test_api_tests_other_key";
    public const string StripeSecretKey = "sk_test_api_tests_stripe";
    public const string WebhookSecret = "whsec_api_tests";

    private readonly TestDatabase _database;
    private readonly TimeProvider? _clock;

    private readonly IReadOnlyDictionary<string, string?> _settings;

    public PaydeskApiFactory(TestDatabase database, StripeEmulator emulator, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _database = database;
        _clock = clock;
        Emulator = emulator;

        // The emulator's webhooks reach this in-memory service the way Stripe's reach a real one.
        emulator.WebhookTransport = async (payload, signature, cancellationToken) =>
        {
            using var client = CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.Add("Stripe-Signature", signature);
            using var response = await client.SendAsync(request, cancellationToken);
        };
    }

    /// <summary>The gateway this service talks to; it counts the calls that reached it.</summary>
    public StripeEmulator Emulator { get; }

    /// <summary>A sandbox emulator that accepts this factory's Stripe key.</summary>
    public static Task<StripeEmulator> StartEmulatorAsync() => StripeEmulator.StartAsync(new StripeEmulatorOptions
    {
        SecretKey = StripeSecretKey,
        WebhookSecret = WebhookSecret,
        ProcessingDelay = TimeSpan.FromHours(1),
    });

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public HttpClient CreateClientWithKey(string? apiKey = ApiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>One reconciliation round in this instance, as the worker runs it.</summary>
    public async Task<ReconciliationRound> RunReconciliationRoundAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<ReconciliationOptions>>().Value;
        return await scope.ServiceProvider.GetRequiredService<ReconcilePaymentsHandler>()
            .RunAsync(new ReconciliationSchedule(options.FirstCheckAfter, options.Interval, options.MaxChecks, options.BatchSize), CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Paydesk", _database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Auth:ApiKeys:0:Name", "primary");
        builder.UseSetting("Auth:ApiKeys:0:Hash", Sha256(ApiKey));
        builder.UseSetting("Auth:ApiKeys:1:Name", "other");
        builder.UseSetting("Auth:ApiKeys:1:Hash", Sha256(OtherApiKey));
        builder.UseSetting("PaymentGateway:Provider", "Stripe");
        builder.UseSetting("PaymentGateway:Stripe:SecretKey", StripeSecretKey);
        builder.UseSetting("PaymentGateway:Stripe:ApiBase", Emulator.BaseAddress.ToString());
        builder.UseSetting("PaymentGateway:Stripe:WebhookSecret", WebhookSecret);
        builder.UseSetting("PaymentGateway:Stripe:RetryBaseDelay", "00:00:00.010");
        builder.UseSetting("PaymentGateway:Sandbox:Enabled", "false");

        // Tests run reconciliation rounds themselves, when they choose.
        builder.UseSetting("Reconciliation:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (_clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_clock));
        }
    }
}
