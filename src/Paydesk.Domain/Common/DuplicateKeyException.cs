namespace Paydesk.Domain.Common;

/// <summary>
/// Raised by a unit of work when a commit would break a uniqueness rule (two users with one
/// email, two requests with one idempotency key). The store's own error stays hidden behind it
/// so the layers above never see a database type.
/// </summary>
public sealed class DuplicateKeyException : Exception
{
    public DuplicateKeyException()
        : base("A unique value was written twice.")
    {
    }

    public DuplicateKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The name of the index or column that was violated, when the store says.</summary>
    public string? Target { get; init; }

    /// <summary>True when the violated index or column name contains <paramref name="fragment"/>.</summary>
    public bool Concerns(string fragment) =>
        Target?.Contains(fragment, StringComparison.OrdinalIgnoreCase) == true;
}
