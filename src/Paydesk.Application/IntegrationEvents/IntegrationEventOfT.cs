namespace Paydesk.Application.IntegrationEvents;

/// <summary>An integration event whose data is <typeparamref name="TData"/>.</summary>
public sealed record IntegrationEvent<TData>(Guid Id, string Subject, DateTimeOffset Time, TData Data)
    : IntegrationEvent(Id, Subject, Time)
    where TData : IIntegrationEventData
{
    public override string Type => TData.EventType;
}
