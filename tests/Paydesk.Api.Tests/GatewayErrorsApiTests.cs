using System.Net;
using Paydesk.Infrastructure.Database;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>How the API answers when the gateway refuses Paydesk or does not answer.</summary>
public sealed class GatewayErrorsApiTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private StripeEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _emulator = await PaydeskApiFactory.StartEmulatorAsync();
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Stripe_refusing_the_secret_key_is_502_and_the_payment_stays_pending()
    {
        await using var factory = new PaydeskApiFactory(_database, _emulator, settings: new Dictionary<string, string?> { ["PaymentGateway:Stripe:SecretKey"] = "sk_test_revoked_key" });
        using var client = factory.CreateClientWithKey();
        var user = await client.RegisterUserAsync();

        var response = await client.ChargeAsync(user.Id());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway, "gateway_authentication_failed");
        Assert.DoesNotContain("sk_test_revoked_key", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_that_never_answers_gives_202_with_the_pending_payment()
    {
        await using var factory = new PaydeskApiFactory(_database, _emulator, settings: new Dictionary<string, string?> { ["PaymentGateway:Stripe:MaxRetries"] = "2" });
        using var client = factory.CreateClientWithKey();
        var user = await client.RegisterUserAsync();
        _emulator.Faults.FailNext(EmulatorFault.ServerError, count: 3);

        var response = await client.ChargeAsync(user.Id());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("pending", (await response.ReadJsonAsync()).Str("status"));
    }
}
