using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Paydesk.Application.Abstractions;

namespace Paydesk.Application.IntegrationEvents;

public static class IntegrationEventHandlerRegistration
{
    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to the events whose data is <typeparamref name="TEvent"/>:
    /// the handler is registered keyed by the event type, so the dispatcher finds it by the type on the wire.
    /// </summary>
    public static IServiceCollection AddSubscription<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IIntegrationEventData
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.TryAddKeyedSingleton(TEvent.EventType, IntegrationEventSubscription.For<TEvent>());
        services.AddKeyedScoped<IIntegrationEventHandler, THandler>(TEvent.EventType);
        return services;
    }
}
