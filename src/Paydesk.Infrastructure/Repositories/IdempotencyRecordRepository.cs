using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Idempotency;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Repositories;

internal sealed class IdempotencyRecordRepository(PaydeskDbContext db) : IIdempotencyRecordRepository
{
    public void Add(IdempotencyRecord record) => db.IdempotencyRecords.Add(record);

    public Task<IdempotencyRecord?> FindAsync(string scope, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);

    public async Task<IReadOnlyList<IdempotencyRecord>> ListInFlightAsync(DateTimeOffset createdBy, int count, CancellationToken cancellationToken) =>
        await db.IdempotencyRecords
            .Where(r => r.Outcome == null && r.CreatedAt <= createdBy)
            .OrderBy(r => r.CreatedAt)
            .Take(count)
            .ToListAsync(cancellationToken);
}
