namespace Paydesk.Infrastructure.External.Messaging.Inbox;

/// <summary>How many events of one type Paydesk's example handler has applied: the effect that the inbox keeps single.</summary>
public sealed class EventTypeCount
{
    public string EventType { get; set; } = null!;

    public long Count { get; set; }

    public DateTimeOffset LastEventAt { get; set; }
}
