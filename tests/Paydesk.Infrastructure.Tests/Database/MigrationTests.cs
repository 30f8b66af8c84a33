using Microsoft.EntityFrameworkCore;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Infrastructure.Tests.Database;

public abstract class MigrationTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Migrations_create_the_whole_model_on_an_empty_database()
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        await database.MigrateAsync();

        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: add a migration for both providers.");
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.Payments.CountAsync());
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();

        await database.MigrateAsync();

        await using var db = database.CreateContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(DatabaseProvider.Sqlite);

public sealed class PostgresMigrationTests() : MigrationTests(DatabaseProvider.Postgres);
