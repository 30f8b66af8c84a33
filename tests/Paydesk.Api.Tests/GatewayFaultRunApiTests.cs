using System.Net;
using Paydesk.Infrastructure.Database;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>
/// 200 charges through the whole service while a fifth of the gateway's calls fail (500, answer too
/// late, answer lost); then reconciliation. Every payment ends with at most one PaymentIntent and
/// the status the gateway really has.
/// </summary>
public sealed class GatewayFaultRunApiTests : IAsyncLifetime
{
    private static readonly string[] Methods =
        [SandboxPaymentMethods.Visa, SandboxPaymentMethods.ChargeDeclined, SandboxPaymentMethods.AuthenticationRequired, SandboxPaymentMethods.Mastercard];

    private TestDatabase _database = null!;
    private StripeEmulator _emulator = null!;
    private PaydeskApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        _emulator = await StripeEmulator.StartAsync(new StripeEmulatorOptions
        {
            SecretKey = PaydeskApiFactory.StripeSecretKey,
            WebhookSecret = PaydeskApiFactory.WebhookSecret,
            FaultDelay = TimeSpan.FromSeconds(2),
            FaultSeed = 3,
        });
        _factory = new PaydeskApiFactory(_database, _emulator, settings: new Dictionary<string, string?>
        {
            // A delayed answer comes well after the attempt gave up, and an undelayed one well before, even on a starved machine.
            ["PaymentGateway:Stripe:AttemptTimeout"] = "00:00:01",
            ["PaymentGateway:Stripe:MaxRetries"] = "2",
            ["Reconciliation:FirstCheckAfter"] = "00:00:00",
            ["Reconciliation:Interval"] = "00:00:00",
            ["Reconciliation:MaxChecks"] = "3",
            ["Reconciliation:BatchSize"] = "1000",
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _emulator.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Two_hundred_charges_with_twenty_percent_faults_end_with_one_payment_intent_each_and_true_statuses()
    {
        using var client = _factory.CreateClientWithKey();
        var user = await client.RegisterUserAsync();
        _emulator.Faults.Rate = 0.2;
        var ids = new Guid[200];

        await Parallel.ForAsync(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var response = await client.ChargeAsync(user.Id(), source: Methods[i % Methods.Length]);
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Accepted });
            ids[i] = Guid.Parse((await response.ReadJsonAsync()).Id());
        });

        _emulator.Faults.Rate = 0;
        await Eventually.True(() => _emulator.InFlightRequests == 0, "the emulator to finish its delayed requests");
        for (var round = 0; round < 3; round++)
        {
            await _factory.RunReconciliationRoundAsync();
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var payment = await (await client.GetAsync($"/v1/payments/{ids[i]}")).ReadJsonAsync();
            var created = _emulator.PaymentIntentsCreatedFor(ids[i]);
            Assert.True(created <= 1, $"Payment {ids[i]} has {created} PaymentIntents.");
            var expected = created == 0 ? "failed" : Methods[i % Methods.Length] switch
            {
                SandboxPaymentMethods.ChargeDeclined => "failed",
                SandboxPaymentMethods.AuthenticationRequired => "failed",
                _ => "succeeded",
            };
            Assert.Equal(expected, payment.Str("status"));
            if (created == 0)
            {
                Assert.Equal("gateway_unknown", payment.Str("failureCode"));
            }
        }

        Assert.True(ids.Count(id => _emulator.PaymentIntentsCreatedFor(id) == 1) >= 190, "Almost every charge should reach the gateway.");
    }
}
