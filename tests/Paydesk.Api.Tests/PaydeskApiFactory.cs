using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.External.PaymentGateway.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>The whole service in memory, on a test database of either provider.</summary>
public sealed class PaydeskApiFactory(
    TestDatabase database,
    TimeProvider? clock = null,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Has every scope.</summary>
    public const string ApiKey = "sk_test_api_tests_primary_key";

    /// <summary>Has every scope, under another name: what one key stores the other must not see.</summary>
    public const string OtherApiKey = "sk_test_api_tests_other_key";

    /// <summary>One key per scope, holding only that scope, for the authorization matrix.</summary>
    public static IReadOnlyDictionary<string, string> SingleScopeKeys { get; } =
        ApiScopes.All.ToDictionary(scope => scope, scope => $"sk_test_api_tests_only_{scope.Replace(':', '_')}", StringComparer.Ordinal);

    public SandboxPaymentGateway Gateway => Services.GetRequiredService<SandboxPaymentGateway>();

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Paydesk", database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        var index = 0;
        AddKey(builder, index++, "primary", ApiKey, ApiScopes.All);
        AddKey(builder, index++, "other", OtherApiKey, ApiScopes.All);
        foreach (var (scope, key) in SingleScopeKeys)
        {
            AddKey(builder, index++, $"only-{scope.Replace(':', '-')}", key, [scope]);
        }

        // Generous, so no test but the rate-limit tests (which set their own) ever meets the limit.
        builder.UseSetting("RateLimiting:Burst", "1000000");
        builder.UseSetting("RateLimiting:PermitsPerPeriod", "1000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }

        configure?.Invoke(builder);
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
