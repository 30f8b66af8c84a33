using Paydesk.Infrastructure.Database;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Disputes;

/// <summary>One database and service per provider, whose operators get an email for each new dispute.</summary>
public abstract class DisputesFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public const string OperatorsAddress = "ops@paydesk.test";

    public TestDatabase Database { get; private set; } = null!;

    public StripeEmulator Emulator { get; private set; } = null!;

    public PaydeskApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Emulator = await PaydeskApiFactory.StartEmulatorAsync();
        Factory = new PaydeskApiFactory(Database, Emulator, settings: new Dictionary<string, string?>
        {
            ["Email:OperatorsAddress"] = OperatorsAddress,
        });
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Emulator.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteDisputesFixture() : DisputesFixture(DatabaseProvider.Sqlite);

public sealed class PostgresDisputesFixture() : DisputesFixture(DatabaseProvider.Postgres);
