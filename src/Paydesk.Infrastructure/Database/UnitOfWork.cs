using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Paydesk.Domain.Common;

namespace Paydesk.Infrastructure.Database;

/// <summary>
/// Commits the context's changes in one transaction and turns the store's errors into the
/// domain's, so that no layer above sees a database type.
/// </summary>
internal sealed class UnitOfWork(PaydeskDbContext db) : IUnitOfWork
{
    private const string PostgresUniqueViolation = "23505";
    private const int SqliteConstraint = 19;

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // A failed unit of work is discarded whole; the caller starts again from fresh reads.
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("The record was changed by another request; retry.", ex);
        }
        catch (DbUpdateException ex) when (UniqueViolationTarget(ex) is { } target)
        {
            db.ChangeTracker.Clear();
            throw new DuplicateKeyException("A unique value was written twice.", ex) { Target = target };
        }
    }

    private static string? UniqueViolationTarget(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException { SqlState: PostgresUniqueViolation } pg => pg.ConstraintName ?? pg.TableName ?? "unique",
        SqliteException { SqliteErrorCode: SqliteConstraint } sqlite when sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal) => sqlite.Message,
        _ => null,
    };
}
