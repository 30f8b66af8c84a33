namespace Paydesk.Application.IntegrationEvents;

/// <summary>
/// The data of one kind of integration event: the contract that the producer (the outbox) and
/// Paydesk's handlers share, serialized as camelCase JSON in the CloudEvent's <c>data</c>. A breaking
/// change to a record gets a new <see cref="SchemaVersion"/>; <see cref="EventType"/> never changes.
/// </summary>
public interface IIntegrationEventData
{
    /// <summary>The short event type, e.g. <c>payment.succeeded</c>; on the wire <c>com.paydesk.</c> precedes it.</summary>
    static abstract string EventType { get; }

    static abstract int SchemaVersion { get; }
}
