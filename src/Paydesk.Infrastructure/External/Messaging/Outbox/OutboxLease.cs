namespace Paydesk.Infrastructure.External.Messaging.Outbox;

/// <summary>
/// On SQLite, which has no row locks to skip, one relay at a time holds this lease and only the
/// holder publishes. Renewed on every batch; another process takes over when it expires.
/// </summary>
public sealed class OutboxLease
{
    public const string RelayLeaseName = "outbox-relay";

    public string Name { get; set; } = null!;

    public string Holder { get; set; } = null!;

    public DateTimeOffset ExpiresAt { get; set; }
}
