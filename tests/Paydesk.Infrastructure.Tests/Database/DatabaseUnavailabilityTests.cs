using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Tests.Database;

public sealed class DatabaseUnavailabilityTests
{
    public static TheoryData<string, Exception> Unavailable => new()
    {
        { "retries exhausted on a refused connection", new RetryLimitExceededException("retries", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))) },
        { "a broken connection", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "a timeout or an exhausted pool", new NpgsqlException("The operation has timed out", new TimeoutException()) },
        { "a save on a refused connection", new DbUpdateException("save", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))) },
        { "57P01 admin shutdown", Postgres(PostgresErrorCodes.AdminShutdown) },
        { "57P02 crash shutdown", Postgres(PostgresErrorCodes.CrashShutdown) },
        { "57P03 the database system is starting up", new RetryLimitExceededException("retries", Postgres(PostgresErrorCodes.CannotConnectNow)) },
        { "08006 connection failure", Postgres(PostgresErrorCodes.ConnectionFailure) },
        { "53300 too many connections", Postgres(PostgresErrorCodes.TooManyConnections) },
        { "EF Core's transient-failure hint", new InvalidOperationException("likely due to a transient failure", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))) },
        { "SQLite busy", new DbUpdateException("save", new SqliteException("database is locked", 5)) },
        { "SQLite locked table", new SqliteException("database table is locked", 6) },
    };

    public static TheoryData<string, Exception> NotUnavailable => new()
    {
        { "a unique violation", new DbUpdateException("save", Postgres(PostgresErrorCodes.UniqueViolation)) },
        { "retries exhausted on serialization failures", new RetryLimitExceededException("retries", Postgres(PostgresErrorCodes.SerializationFailure)) },
        { "a deadlock", Postgres(PostgresErrorCodes.DeadlockDetected) },
        { "a syntax error", Postgres(PostgresErrorCodes.SyntaxError) },
        { "a concurrency conflict", new DbUpdateConcurrencyException("conflict") },
        { "SQLite constraint", new DbUpdateException("save", new SqliteException("UNIQUE constraint failed", 19)) },
        { "the caller's cancellation", new OperationCanceledException("cancelled", new NpgsqlException("Failed to connect", new TimeoutException())) },
        { "a plain bug", new InvalidOperationException("Sequence contains no elements") },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void A_database_that_cannot_be_reached_is_unavailable(string because, Exception exception) =>
        Assert.True(DatabaseUnavailability.IsUnavailable(exception), because);

    [Theory]
    [MemberData(nameof(NotUnavailable))]
    public void A_database_that_answered_or_a_fault_in_the_code_is_not_unavailable(string because, Exception exception) =>
        Assert.False(DatabaseUnavailability.IsUnavailable(exception), because);

    private static PostgresException Postgres(string sqlState) => new("message", "ERROR", "ERROR", sqlState);
}
