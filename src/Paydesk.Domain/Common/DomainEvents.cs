namespace Paydesk.Domain.Common;

/// <summary>Something that happened to an entity, raised by the entity itself when its state changes.</summary>
public interface IDomainEvent
{
    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// An entity that records what happened to it until the unit of work commits. The unit of work turns
/// the events into integration events in the same transaction as the change, then clears them.
/// </summary>
public interface IHasDomainEvents
{
    IReadOnlyList<IDomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}

/// <summary>Keeps the events an entity raised; entities hold one and expose it through <see cref="IHasDomainEvents"/>.</summary>
public sealed class DomainEventList
{
    private readonly List<IDomainEvent> _events = [];

    public IReadOnlyList<IDomainEvent> Events => _events;

    public void Raise(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        _events.Add(domainEvent);
    }

    public void Clear() => _events.Clear();
}
