using Paydesk.Infrastructure.Database;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>One database and one running service per test class.</summary>
public abstract class ApiFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public PaydeskApiFactory Factory { get; private set; } = null!;

    public StripeEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Emulator = await PaydeskApiFactory.StartEmulatorAsync();
        Factory = new PaydeskApiFactory(Database, Emulator);
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Emulator.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteApiFixture() : ApiFixture(DatabaseProvider.Sqlite);

public sealed class PostgresApiFixture() : ApiFixture(DatabaseProvider.Postgres);
