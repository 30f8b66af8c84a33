using Microsoft.EntityFrameworkCore;

namespace Paydesk.Infrastructure.Database;

/// <summary>
/// An explicit transaction under the context's execution strategy. A retrying strategy (PostgreSQL)
/// refuses a user transaction it does not run itself, so the strategy runs the whole of it: begin,
/// the work, commit, and on a transient failure all three again.
/// </summary>
internal static class ResilientTransaction
{
    /// <param name="work">
    /// Runs once per attempt and must be safe to run again: a retry starts from a rolled-back
    /// transaction, so the work starts from what it reads again, not from what the failed attempt tracked.
    /// </param>
    public static Task<TResult> ExecuteAsync<TResult>(
        DbContext db, Func<CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var result = await work(ct);
                await transaction.CommitAsync(ct);
                return result;
            },
            cancellationToken);
    }
}
