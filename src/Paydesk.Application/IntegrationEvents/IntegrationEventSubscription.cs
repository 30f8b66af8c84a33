using System.Text.Json;

namespace Paydesk.Application.IntegrationEvents;

/// <summary>
/// One event type that Paydesk's handlers subscribe to, and how its <c>data</c> is read into the
/// contract record. Registered once per event type, keyed by <see cref="EventType"/>.
/// </summary>
public sealed class IntegrationEventSubscription
{
    private readonly Func<Guid, string, DateTimeOffset, JsonElement, IntegrationEvent> _read;

    private IntegrationEventSubscription(string eventType, Func<Guid, string, DateTimeOffset, JsonElement, IntegrationEvent> read)
    {
        EventType = eventType;
        _read = read;
    }

    public string EventType { get; }

    public static IntegrationEventSubscription For<TEvent>()
        where TEvent : IIntegrationEventData =>
        new(TEvent.EventType, (id, subject, time, data) => new IntegrationEvent<TEvent>(id, subject, time, Deserialize<TEvent>(id, data)));

    /// <summary>The typed event; throws <see cref="JsonException"/> if the data do not fit the contract.</summary>
    public IntegrationEvent Read(Guid id, string subject, DateTimeOffset time, JsonElement data) => _read(id, subject, time, data);

    // The producer writes the data with the web defaults (camelCase), so they are read back with them.
    private static TEvent Deserialize<TEvent>(Guid id, JsonElement data)
        where TEvent : IIntegrationEventData =>
        data.ValueKind == JsonValueKind.Object
            ? data.Deserialize<TEvent>(JsonSerializerOptions.Web) ?? throw new JsonException($"Event {id} ({TEvent.EventType}) has no data.")
            : throw new JsonException($"Event {id} ({TEvent.EventType}) has no data object.");
}
