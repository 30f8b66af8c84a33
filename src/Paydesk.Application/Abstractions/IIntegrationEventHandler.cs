using Paydesk.Application.IntegrationEvents;

namespace Paydesk.Application.Abstractions;

/// <summary>
/// What the dispatcher calls: any handler, whatever its event type. Handlers implement
/// <see cref="IIntegrationEventHandler{TEvent}"/>, which implements this one.
/// </summary>
/// <remarks>
/// Events arrive at least once; the inbox makes a redelivery a no-op. A handler changes state through
/// repositories and never commits: the dispatcher commits its effects together with the inbox record,
/// in one unit of work. A handler that only reads loads without tracking.
/// </remarks>
public interface IIntegrationEventHandler
{
    /// <summary>
    /// A stable name, stored in the inbox with each event id; never rename a deployed handler. Unique
    /// among the handlers of one event type.
    /// </summary>
    string Name { get; }

    Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken);
}
