using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Infrastructure.Tests;

/// <summary>One migrated database per test class; each test writes data of its own.</summary>
public abstract class DatabaseFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        await Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public sealed class SqliteFixture() : DatabaseFixture(DatabaseProvider.Sqlite);

public sealed class PostgresFixture() : DatabaseFixture(DatabaseProvider.Postgres);
