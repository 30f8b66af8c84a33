namespace Paydesk.Infrastructure.External.Messaging.Inbox;

/// <summary>That handler <see cref="Handler"/> has applied event <see cref="EventId"/>; committed with the handler's effects.</summary>
public sealed class InboxRecord
{
    public const int MaxHandlerLength = 200;

    public Guid EventId { get; set; }

    public string Handler { get; set; } = null!;

    public DateTimeOffset ProcessedAt { get; set; }
}
