using System.Net;
using Microsoft.Extensions.Time.Testing;
using Paydesk.Infrastructure.Database;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>Two Paydesk instances on one database reconciling the same pending payments.</summary>
public abstract class ReconciliationApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Schedule = new()
    {
        ["Reconciliation:FirstCheckAfter"] = "00:01:00",
        ["Reconciliation:Interval"] = "00:05:00",
        ["Reconciliation:MaxChecks"] = "2",

        // No retry delays: they would wait on the fake clock. One fault is then one lost answer.
        ["PaymentGateway:Stripe:MaxRetries"] = "0",
    };

    // Both instances share one clock, so "due" means the same to both.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private TestDatabase _database = null!;
    private StripeEmulator _emulator = null!;
    private PaydeskApiFactory _first = null!;
    private PaydeskApiFactory _second = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _emulator = await PaydeskApiFactory.StartEmulatorAsync();
        _first = new PaydeskApiFactory(_database, _emulator, _clock, Schedule);
        _client = _first.CreateClientWithKey();
        _second = new PaydeskApiFactory(_database, _emulator, _clock, Schedule);
        _ = _second.Server;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _emulator.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Two_instances_check_each_pending_payment_once_per_round_and_settle_it()
    {
        var user = await _client.RegisterUserAsync();
        var lost = new List<Guid>();
        var neverArrived = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            lost.Add(await UnknownOutcomeAsync(user.Id(), EmulatorFault.DropResponse));
            neverArrived.Add(await UnknownOutcomeAsync(user.Id(), EmulatorFault.ServerError));
        }

        _clock.Advance(TimeSpan.FromSeconds(61));
        var firstRound = await Task.WhenAll(_first.RunReconciliationRoundAsync(), _second.RunReconciliationRoundAsync());

        Assert.Equal(8, firstRound.Sum(r => r.Checked));
        Assert.All(lost.Concat(neverArrived), id => Assert.Equal(1, _emulator.LookupsFor(id)));
        foreach (var id in lost)
        {
            Assert.Equal("succeeded", await StatusAsync(id));
        }

        foreach (var id in neverArrived)
        {
            Assert.Equal("pending", await StatusAsync(id));
        }

        var early = await Task.WhenAll(_first.RunReconciliationRoundAsync(), _second.RunReconciliationRoundAsync());
        Assert.Equal(0, early.Sum(r => r.Checked));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var secondRound = await Task.WhenAll(_first.RunReconciliationRoundAsync(), _second.RunReconciliationRoundAsync());

        Assert.Equal(4, secondRound.Sum(r => r.Checked));
        Assert.All(neverArrived, id => Assert.Equal(2, _emulator.LookupsFor(id)));
        foreach (var id in neverArrived)
        {
            var payment = await (await _client.GetAsync($"/v1/payments/{id}")).ReadJsonAsync();
            Assert.Equal("failed", payment.Str("status"));
            Assert.Equal("gateway_unknown", payment.Str("failureCode"));
            Assert.Equal(0, _emulator.PaymentIntentsCreatedFor(id));
        }

        Assert.All(lost, id => Assert.Equal(1, _emulator.PaymentIntentsCreatedFor(id)));
    }

    [Fact]
    public async Task Payment_that_is_not_due_yet_is_not_checked()
    {
        await using var patient = new PaydeskApiFactory(_database, _emulator, _clock, new Dictionary<string, string?>(Schedule) { ["Reconciliation:FirstCheckAfter"] = "01:00:00" });
        var user = await _client.RegisterUserAsync();
        var id = await UnknownOutcomeAsync(user.Id(), EmulatorFault.DropResponse);
        _clock.Advance(TimeSpan.FromSeconds(61));

        var round = await patient.RunReconciliationRoundAsync();

        Assert.Equal(0, round.Checked);
        Assert.Equal(0, _emulator.LookupsFor(id));
        Assert.Equal("pending", await StatusAsync(id));
    }

    private async Task<Guid> UnknownOutcomeAsync(string userId, EmulatorFault fault)
    {
        _emulator.Faults.FailNext(fault);
        var response = await _client.ChargeAsync(userId);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Guid.Parse((await response.ReadJsonAsync()).Id());
    }

    private async Task<string?> StatusAsync(Guid paymentId) =>
        (await (await _client.GetAsync($"/v1/payments/{paymentId}")).ReadJsonAsync()).Str("status");
}

public sealed class SqliteReconciliationApiTests() : ReconciliationApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresReconciliationApiTests() : ReconciliationApiTests(DatabaseProvider.Postgres);
