using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Paydesk.Infrastructure.Database;

namespace Paydesk.TestSupport;

/// <summary>
/// A database of its own for one test class: an empty SQLite file, or a new database on the
/// PostgreSQL server the test script started. Dropped on dispose.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        TestDatabase database = provider == DatabaseProvider.Postgres ? new PostgresTestDatabase() : new SqliteTestDatabase();
        await database.InitializeAsync();
        return database;
    }

    /// <summary>A new context on this database, configured as the service configures it.</summary>
    public PaydeskDbContext CreateContext() => Provider == DatabaseProvider.Postgres
        ? new PostgresPaydeskDbContext(new DbContextOptionsBuilder<PostgresPaydeskDbContext>()
            .UseNpgsql(ConnectionString).UseSnakeCaseNamingConvention().Options)
        : new SqlitePaydeskDbContext(new DbContextOptionsBuilder<SqlitePaydeskDbContext>()
            .UseSqlite(ConnectionString).UseSnakeCaseNamingConvention().Options);

    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public abstract ValueTask DisposeAsync();

    protected abstract Task InitializeAsync();
}

internal sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "paydesk-tests", $"{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={_path}";

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }

        return ValueTask.CompletedTask;
    }

    protected override Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        return Task.CompletedTask;
    }
}

internal sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name = $"paydesk_test_{Guid.NewGuid():N}";
    private readonly string _serverConnectionString = PostgresServer.ConnectionString;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _name }.ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    protected override Task InitializeAsync() => ExecuteOnServerAsync($"CREATE DATABASE \"{_name}\"");

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The name is a generated identifier, not input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The PostgreSQL server of this test run. Missing is a failure, never a skip.</summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "PAYDESK_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with ./scripts/test.sh, which starts a throwaway PostgreSQL, " +
                $"or set {EnvironmentVariable} to a connection string of a server where the tests may create databases.");
}
