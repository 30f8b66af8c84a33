using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Api.Auth;
using Paydesk.Application.Payments;
using Paydesk.Application.Reconciliation;
using Paydesk.Sandbox;
using Paydesk.Infrastructure.Reconciliation;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>
/// The whole service in memory, on a test database of either provider, charging through the
/// production Stripe adapter against a sandbox emulator on loopback: the caller's, or one of its own.
/// </summary>
public sealed class PaydeskApiFactory : WebApplicationFactory<Program>
{
    /// <summary>Has every scope.</summary>
    public const string ApiKey = "sk_test_api_tests_primary_key";

    /// <summary>Has every scope, under another name: what one key stores the other must not see.</summary>
    public const string OtherApiKey = "sk_test_api_tests_other_key";

    public const string StripeSecretKey = "sk_test_api_tests_stripe";
    public const string WebhookSecret = "whsec_api_tests";

    private readonly TestDatabase _database;
    private readonly TimeProvider? _clock;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _configure;
    private readonly bool _ownsEmulator;

    public PaydeskApiFactory(
        TestDatabase database,
        StripeEmulator emulator,
        TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IWebHostBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        _settings = settings ?? new Dictionary<string, string?>();
        _database = database;
        _clock = clock;
        _configure = configure;
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

    /// <summary>A service with an emulator of its own, stopped when the service is disposed.</summary>
    public PaydeskApiFactory(
        TestDatabase database,
        TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IWebHostBuilder>? configure = null)
        : this(database, StartEmulatorAsync().GetAwaiter().GetResult(), clock, settings, configure) => _ownsEmulator = true;

    /// <summary>One key per scope, holding only that scope, for the authorization matrix.</summary>
    public static IReadOnlyDictionary<string, string> SingleScopeKeys { get; } =
        ApiScopes.All.ToDictionary(scope => scope, scope => $"sk_test_api_tests_only_{scope.Replace(':', '_')}", StringComparer.Ordinal);

    /// <summary>The gateway this service talks to; it counts the calls that reached it.</summary>
    public StripeEmulator Emulator { get; }

    /// <summary>Where this instance's pickup transport writes its .eml files.</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "paydesk-tests-mail", Guid.NewGuid().ToString("N"));

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
        var payments = scope.ServiceProvider.GetRequiredService<IOptions<PaymentsOptions>>().Value;
        return await scope.ServiceProvider.GetRequiredService<ReconcilePaymentsHandler>()
            .RunAsync(
                new ReconciliationSchedule(options.FirstCheckAfter, options.Interval, options.MaxChecks, options.BatchSize) { ActionTimeout = payments.ActionTimeout },
                CancellationToken.None);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsEmulator)
        {
            await Emulator.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Paydesk", _database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        var index = 0;
        AddKey(builder, index++, "primary", ApiKey, ApiScopes.All);
        AddKey(builder, index++, "other", OtherApiKey, ApiScopes.All);
        foreach (var (scope, key) in SingleScopeKeys)
        {
            AddKey(builder, index++, $"only-{scope.Replace(':', '-')}", key, [scope]);
        }

        builder.UseSetting("PaymentGateway:Provider", "Stripe");
        builder.UseSetting("PaymentGateway:Stripe:SecretKey", StripeSecretKey);
        builder.UseSetting("PaymentGateway:Stripe:ApiBase", Emulator.BaseAddress.ToString());
        builder.UseSetting("PaymentGateway:Stripe:WebhookSecret", WebhookSecret);
        builder.UseSetting("PaymentGateway:Stripe:RetryBaseDelay", "00:00:00.010");
        builder.UseSetting("PaymentGateway:Sandbox:Enabled", "false");

        // Tests run reconciliation rounds themselves, when they choose.
        builder.UseSetting("Reconciliation:Enabled", "false");

        // Generous, so no test but the rate-limit tests (which set their own) ever meets the limit.
        builder.UseSetting("RateLimiting:Burst", "1000000");
        builder.UseSetting("RateLimiting:PermitsPerPeriod", "1000000");

        // Emails of each service instance go to a folder of its own, never into the build output.
        builder.UseSetting("Email:PickupDirectory", MailDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (_clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_clock));
        }

        _configure?.Invoke(builder);
    }

    private static void AddKey(IWebHostBuilder builder, int index, string name, string key, IEnumerable<string> scopes)
    {
        builder.UseSetting($"Auth:ApiKeys:{index}:Name", name);
        builder.UseSetting($"Auth:ApiKeys:{index}:Hash", Sha256(key));
        var i = 0;
        foreach (var scope in scopes)
        {
            builder.UseSetting($"Auth:ApiKeys:{index}:Scopes:{i++}", scope);
        }
    }
}
