using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paydesk.Infrastructure.External.PaymentGateway.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>The whole service in memory, on a test database of either provider.</summary>
public sealed class PaydeskApiFactory(TestDatabase database, TimeProvider? clock = null, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    public const string ApiKey = "sk_test_api_tests_primary_key";
    public const string OtherApiKey = "sk_test_api_tests_other_key";

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
        builder.UseSetting("Auth:ApiKeys:0:Name", "primary");
        builder.UseSetting("Auth:ApiKeys:0:Hash", Sha256(ApiKey));
        builder.UseSetting("Auth:ApiKeys:1:Name", "other");
        builder.UseSetting("Auth:ApiKeys:1:Hash", Sha256(OtherApiKey));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }

        configure?.Invoke(builder);
    }
}
