using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Paydesk.Infrastructure.Database;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.History;

/// <summary>
/// One database and service per provider on a clock the tests move, whose sandbox webhooks are
/// held back: each test delivers the ones it wants, so every change has one known cause.
/// </summary>
public abstract class HistoryFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Reconciliation:FirstCheckAfter"] = "00:01:00",
        ["Reconciliation:Interval"] = "00:05:00",

        // No retry delays: they would wait on the fake clock. One fault is then one lost answer.
        ["PaymentGateway:Stripe:MaxRetries"] = "0",
    };

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The sandbox's webhooks, payload first, as it sent them.</summary>
    public ConcurrentQueue<string> HeldWebhooks { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public StripeEmulator Emulator { get; private set; } = null!;

    public PaydeskApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Emulator = await PaydeskApiFactory.StartEmulatorAsync();
        Factory = new PaydeskApiFactory(Database, Emulator, Clock, Settings);
        Emulator.WebhookTransport = (payload, _, _) =>
        {
            HeldWebhooks.Enqueue(payload);
            return Task.CompletedTask;
        };
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Emulator.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteHistoryFixture() : HistoryFixture(DatabaseProvider.Sqlite);

public sealed class PostgresHistoryFixture() : HistoryFixture(DatabaseProvider.Postgres);
