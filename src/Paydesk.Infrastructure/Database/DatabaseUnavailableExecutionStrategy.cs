using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;
using Paydesk.Domain.Common;

namespace Paydesk.Infrastructure.Database;

/// <summary>
/// The provider's execution strategy, and then one translation: an operation that still cannot
/// reach the database once that strategy has given up throws <see cref="DatabaseUnavailableException"/>.
/// Every EF Core query, save and explicit strategy operation passes through here, so reads and
/// commits are classified in this one place. Only the outermost operation translates: a nested
/// one must let the store's error reach the strategy around it, which decides whether to retry.
/// </summary>
internal sealed class DatabaseUnavailableExecutionStrategy(IExecutionStrategy inner) : IExecutionStrategy
{
    private static readonly AsyncLocal<bool> Running = new();

    public bool RetriesOnFailure => inner.RetriesOnFailure;

    /// <summary>PostgreSQL: retries transient failures <paramref name="maxRetryCount"/> times first.</summary>
    public static Func<ExecutionStrategyDependencies, IExecutionStrategy> Retrying(int maxRetryCount) =>
        dependencies => new DatabaseUnavailableExecutionStrategy(new NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount));

    /// <summary>SQLite: no retries (Microsoft.Data.Sqlite already waits for a lock up to the command timeout).</summary>
    public static IExecutionStrategy NonRetrying(ExecutionStrategyDependencies dependencies) =>
        new DatabaseUnavailableExecutionStrategy(new NonRetryingExecutionStrategy(dependencies));

    public TResult Execute<TState, TResult>(
        TState state, Func<DbContext, TState, TResult> operation, Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded)
    {
        if (Running.Value)
        {
            return inner.Execute(state, operation, verifySucceeded);
        }

        Running.Value = true;
        try
        {
            return inner.Execute(state, operation, verifySucceeded);
        }
        catch (Exception ex) when (DatabaseUnavailability.IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
        finally
        {
            Running.Value = false;
        }
    }

    public async Task<TResult> ExecuteAsync<TState, TResult>(
        TState state,
        Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded,
        CancellationToken cancellationToken = default)
    {
        if (Running.Value)
        {
            return await inner.ExecuteAsync(state, operation, verifySucceeded, cancellationToken);
        }

        // Set in this async method, so it covers the operation's nested calls and is gone for the caller afterwards.
        Running.Value = true;
        try
        {
            return await inner.ExecuteAsync(state, operation, verifySucceeded, cancellationToken);
        }
        catch (Exception ex) when (DatabaseUnavailability.IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
    }

    private static DatabaseUnavailableException Unavailable(Exception ex) =>
        new("The database could not be reached. Retry later.", ex);
}
