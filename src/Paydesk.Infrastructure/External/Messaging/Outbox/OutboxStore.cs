using Microsoft.EntityFrameworkCore;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.External.Messaging.Outbox;

/// <summary>The operator's view of the outbox: dead letters, redrive, retention.</summary>
public sealed class OutboxStore(PaydeskDbContext db)
{
    public Task<List<OutboxMessage>> ListDeadAsync(int limit, CancellationToken cancellationToken) =>
        db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Dead)
            .OrderBy(m => m.CreatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public Task<OutboxMessage?> FindDeadAsync(Guid id, CancellationToken cancellationToken) =>
        db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.Status == OutboxStatus.Dead, cancellationToken);

    public Task<long> CountDeadAsync(CancellationToken cancellationToken) =>
        db.OutboxMessages.LongCountAsync(m => m.Status == OutboxStatus.Dead, cancellationToken);

    /// <summary>Sends the given dead letters (all of them when <paramref name="id"/> is null) round again; returns how many.</summary>
    public async Task<int> RedriveAsync(Guid? id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = db.OutboxMessages.Where(m => m.Status == OutboxStatus.Dead);
        if (id is { } one)
        {
            query = query.Where(m => m.Id == one);
        }

        var rows = await query.ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.Redrive(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return rows.Count;
    }

    public Task<int> DeletePublishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Published && m.PublishedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);

    public async Task<(long Backlog, DateTimeOffset? OldestDue)> BacklogAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var backlog = await db.OutboxMessages.LongCountAsync(m => m.Status == OutboxStatus.Pending, cancellationToken);
        var oldest = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => (DateTimeOffset?)m.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return (backlog, oldest);
    }
}
