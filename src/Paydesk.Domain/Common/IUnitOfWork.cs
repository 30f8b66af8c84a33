namespace Paydesk.Domain.Common;

/// <summary>
/// Commits everything the repositories added or changed in one transaction. A use case calls it
/// once per state it wants to make durable.
/// </summary>
public interface IUnitOfWork
{
    /// <exception cref="DuplicateKeyException">A uniqueness rule would be broken.</exception>
    /// <exception cref="ConcurrencyConflictException">A changed row was changed by someone else first.</exception>
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
