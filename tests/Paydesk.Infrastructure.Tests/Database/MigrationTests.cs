using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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

    [Fact]
    public async Task A_refund_record_stored_before_the_payment_had_its_own_column_gets_it_on_upgrade()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paymentId = Guid.NewGuid();
        var key = $"legacy-{Guid.NewGuid():N}";
        await using (var before = database.CreateContext())
        {
            var migrations = before.Database.GetMigrations().ToList();
            var upgrade = migrations.FindIndex(m => m.EndsWith("_IdempotencyResourceColumns", StringComparison.Ordinal));
            await before.GetService<IMigrator>().MigrateAsync(migrations[upgrade - 1]);
            await InsertLegacyRefundRecordAsync(before, key, $"payments.refund:{paymentId}");
        }

        await database.MigrateAsync();

        await using var db = database.CreateContext();
        var record = await db.IdempotencyRecords.SingleAsync(r => r.Key == key);
        Assert.Equal("payments.refund", record.Operation);
        Assert.Equal(paymentId, record.ParentResourceId);
        Assert.False(record.IsCompleted);
    }

    private async Task InsertLegacyRefundRecordAsync(DbContext db, string key, string operation)
    {
        const string Sql = "INSERT INTO idempotency_records (id, scope, key, operation, request_hash, resource_id, created_at) VALUES ({0}, 'merchant', {1}, {2}, 'hash', {3}, {4})";
        if (provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync(Sql, Guid.NewGuid(), key, operation, Guid.NewGuid(), DateTimeOffset.UtcNow);
        }
        else
        {
            // As EF stores them on SQLite: a GUID as upper-case text, a time as Unix microseconds.
            await db.Database.ExecuteSqlRawAsync(Sql, Guid.NewGuid().ToString().ToUpperInvariant(), key, operation, Guid.NewGuid().ToString().ToUpperInvariant(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
        }
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(DatabaseProvider.Sqlite);

public sealed class PostgresMigrationTests() : MigrationTests(DatabaseProvider.Postgres);
