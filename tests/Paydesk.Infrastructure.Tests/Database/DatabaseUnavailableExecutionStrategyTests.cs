using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Paydesk.Domain.Common;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Tests.Database;

public sealed class DatabaseUnavailableExecutionStrategyTests
{
    private static readonly NpgsqlException Refused = new("Failed to connect", new System.Net.Sockets.SocketException(111));

    [Fact]
    public async Task An_operation_that_cannot_reach_the_database_throws_database_unavailable_with_the_cause_inside()
    {
        var strategy = new DatabaseUnavailableExecutionStrategy(new PassThroughStrategy());

        var thrown = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => strategy.ExecuteAsync(0, (_, _, _) => Task.FromException<int>(Refused), null));

        Assert.Same(Refused, thrown.InnerException);
    }

    [Fact]
    public async Task A_nested_operation_lets_the_store_error_reach_the_outer_strategy_which_decides_about_retries()
    {
        var outer = new PassThroughStrategy();
        var strategy = new DatabaseUnavailableExecutionStrategy(outer);
        var nested = new DatabaseUnavailableExecutionStrategy(new PassThroughStrategy());

        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => strategy.ExecuteAsync(
            0, (_, _, ct) => nested.ExecuteAsync(0, (_, _, _) => Task.FromException<int>(Refused), null, ct), null));

        Assert.Same(Refused, outer.Seen);
    }

    [Fact]
    public async Task Each_outermost_operation_translates_again_after_an_earlier_one_ended()
    {
        var strategy = new DatabaseUnavailableExecutionStrategy(new PassThroughStrategy());
        await strategy.ExecuteAsync(0, (_, _, _) => Task.FromResult(1), null);
        Assert.Throws<DatabaseUnavailableException>(() => strategy.Execute<int, int>(0, (_, _) => throw Refused, null));

        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => strategy.ExecuteAsync(0, (_, _, _) => Task.FromException<int>(Refused), null));
    }

    [Fact]
    public async Task Other_errors_pass_through_unchanged()
    {
        var strategy = new DatabaseUnavailableExecutionStrategy(new PassThroughStrategy());
        var conflict = new DbUpdateConcurrencyException("conflict");

        var thrown = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => strategy.ExecuteAsync(0, (_, _, _) => Task.FromException<int>(conflict), null));

        Assert.Same(conflict, thrown);
    }

    /// <summary>Runs the operation once and remembers what it threw.</summary>
    private sealed class PassThroughStrategy : IExecutionStrategy
    {
        public Exception? Seen { get; private set; }

        public bool RetriesOnFailure => false;

        public TResult Execute<TState, TResult>(TState state, Func<DbContext, TState, TResult> operation, Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded)
        {
            try
            {
                return operation(null!, state);
            }
            catch (Exception ex)
            {
                Seen = ex;
                throw;
            }
        }

        public async Task<TResult> ExecuteAsync<TState, TResult>(
            TState state,
            Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
            Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded,
            CancellationToken cancellationToken = default)
        {
            try
            {
                return await operation(null!, state, cancellationToken);
            }
            catch (Exception ex)
            {
                Seen = ex;
                throw;
            }
        }
    }
}
