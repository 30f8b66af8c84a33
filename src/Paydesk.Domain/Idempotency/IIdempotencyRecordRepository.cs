namespace Paydesk.Domain.Idempotency;

public interface IIdempotencyRecordRepository
{
    void Add(IdempotencyRecord record);

    Task<IdempotencyRecord?> FindAsync(string scope, string key, CancellationToken cancellationToken);
}
