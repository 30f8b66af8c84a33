using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Paydesk.Domain.Common;
using Paydesk.Infrastructure.External.Messaging.Outbox;
using Paydesk.Infrastructure.External.Webhooks;

namespace Paydesk.Infrastructure.Database;

/// <summary>
/// Commits the context's changes in one transaction and turns the store's errors into the
/// domain's, so that no layer above sees a database type. The domain events the changed entities
/// raised become outbox rows in that same transaction: an event exists exactly when its change does;
/// so do its webhook deliveries, and the payment history entries of the changes.
/// </summary>
internal sealed class UnitOfWork(PaydeskDbContext db, OutboxWriter outboxWriter, OutboxSignal outboxSignal, WebhookFanOut webhookFanOut, PaymentHistoryWriter historyWriter) : IUnitOfWork
{
    private const string PostgresUniqueViolation = "23505";
    private const string PostgresForeignKeyViolation = "23503";
    private const int SqliteConstraint = 19;

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        var sources = db.ChangeTracker.Entries<IHasDomainEvents>()
            .Select(e => e.Entity)
            .Where(e => e.DomainEvents.Count > 0)
            .ToList();
        var outboxRows = sources
            .SelectMany(e => e.DomainEvents)
            .Select(outboxWriter.ToOutboxMessage)
            .OfType<OutboxMessage>()
            .ToList();
        db.OutboxMessages.AddRange(outboxRows);
        var deliveries = await webhookFanOut.AddDeliveriesAsync(outboxRows, cancellationToken);
        var history = historyWriter.AddPending();

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not (DbUpdateConcurrencyException or DbUpdateException))
        {
            // Nothing was committed: drop the rows so a retried save writes each event and change once.
            DetachAll([.. outboxRows, .. deliveries, .. history.Rows]);
            throw;
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // A failed unit of work is discarded whole; the caller starts again from fresh reads.
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("The record was changed by another request; retry.", ex);
        }
        catch (DbUpdateException ex) when (UniqueViolationTarget(ex) is { } target && PaymentHistoryWriter.IsHistoryKey(target))
        {
            // Another commit wrote this version of the payment first: the same lost update as a
            // version conflict, whichever statement the database ran first.
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("The payment was changed by another request; retry.", ex);
        }
        catch (DbUpdateException ex) when (UniqueViolationTarget(ex) is { } target)
        {
            db.ChangeTracker.Clear();
            throw new DuplicateKeyException("A unique value was written twice.", ex) { Target = target };
        }
        catch (DbUpdateException ex) when (IsForeignKeyViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw new MissingReferenceException("A record refers to another that does not exist.", ex);
        }
        catch (DbUpdateException)
        {
            DetachAll([.. outboxRows, .. deliveries, .. history.Rows]);
            throw;
        }

        foreach (var source in sources)
        {
            source.ClearDomainEvents();
        }

        foreach (var payment in history.Sources)
        {
            payment.ClearTransitions();
        }

        if (outboxRows.Count > 0)
        {
            outboxSignal.Notify();
        }
    }

    private void DetachAll(List<object> rows)
    {
        foreach (var row in rows)
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    private static bool IsForeignKeyViolation(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException { SqlState: PostgresForeignKeyViolation } => true,
        SqliteException { SqliteErrorCode: SqliteConstraint } sqlite => sqlite.Message.Contains("FOREIGN KEY", StringComparison.Ordinal),
        _ => false,
    };

    private static string? UniqueViolationTarget(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException { SqlState: PostgresUniqueViolation } pg => pg.ConstraintName ?? pg.TableName ?? "unique",
        SqliteException { SqliteErrorCode: SqliteConstraint } sqlite when sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal) => sqlite.Message,
        _ => null,
    };
}
