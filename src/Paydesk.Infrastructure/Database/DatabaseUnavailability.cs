using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Paydesk.Infrastructure.Database;

/// <summary>
/// Decides whether a store error means "the database cannot be reached right now" (answered as
/// <see cref="Domain.Common.DatabaseUnavailableException"/>) rather than a fault in the request or
/// the code. A wrapper (EF Core's retry limit, a failed save, a transient-failure hint) counts by
/// what it wraps.
/// </summary>
internal static class DatabaseUnavailability
{
    // SQLite's "database is locked": Microsoft.Data.Sqlite has already waited out the command
    // timeout for the lock, so the database is as unavailable as a server that is down.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool IsUnavailable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is OperationCanceledException)
        {
            // The caller's cancellation, or the request's: not the database's fault.
            return false;
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // The server answered: only its "shutting down / starting up / full" states count.
                    return IsUnavailableState(postgres.SqlState);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    // Raised by the client: the connection was refused, broken, timed out or the pool is exhausted.
                    return true;
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                    return true;
                case SocketException or TimeoutException:
                    return true;
                case RetryLimitExceededException { InnerException: null }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Class 08 (connection exception), 57P01-57P03 (shutdown, crash, starting up), 53300 (too many connections).</summary>
    private static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;
}
