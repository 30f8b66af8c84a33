using Paydesk.Application.IntegrationEvents;

namespace Paydesk.Application.Abstractions;

/// <summary>Paydesk's own reaction to the events whose data is <typeparamref name="TEvent"/>.</summary>
public interface IIntegrationEventHandler<TEvent> : IIntegrationEventHandler
    where TEvent : IIntegrationEventData
{
    Task HandleAsync(IntegrationEvent<TEvent> integrationEvent, CancellationToken cancellationToken);

    Task IIntegrationEventHandler.HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        HandleAsync((IntegrationEvent<TEvent>)integrationEvent, cancellationToken);
}
