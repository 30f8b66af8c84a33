namespace Paydesk.Domain.Common;

/// <summary>
/// Raised when the database cannot be reached (down, restarting, refusing connections, locked)
/// after the retries that were safe. The request may be sent again later (a connection lost
/// during the commit itself leaves its outcome unknown: an idempotency key tells a repeat apart).
/// The store's own error stays hidden behind it.
/// </summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
        : base("The database is unavailable.")
    {
    }

    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
