using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Paydesk.Infrastructure.Database;

/// <summary>Applies the committed migrations of the configured provider. Safe to run again.</summary>
public sealed partial class DatabaseMigrator(PaydeskDbContext db, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            PrepareSqliteFile();
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers go on while one request writes; it is a property of
            // the file, so setting it once here is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogMigrated(logger, pending.Count, db.Database.ProviderName ?? "unknown");
    }

    private void PrepareSqliteFile()
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated: {Count} migration(s) applied on {Provider}")]
    private static partial void LogMigrated(ILogger logger, int count, string provider);
}
