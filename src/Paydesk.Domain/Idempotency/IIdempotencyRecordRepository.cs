namespace Paydesk.Domain.Idempotency;

public interface IIdempotencyRecordRepository
{
    void Add(IdempotencyRecord record);

    Task<IdempotencyRecord?> FindAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> records still in flight that were started by <paramref name="createdBy"/> (their request died mid-way). Tracked.</summary>
    Task<IReadOnlyList<IdempotencyRecord>> ListInFlightAsync(DateTimeOffset createdBy, int count, CancellationToken cancellationToken);
}
