using System.Text.Json;

namespace Paydesk.Application.Abstractions;

/// <summary>An integration event as Paydesk's own handlers receive it.</summary>
/// <param name="Id">The CloudEvents id: the same on every delivery of the event.</param>
/// <param name="Type">The short event type, e.g. <c>payment.succeeded</c>.</param>
public sealed record IntegrationEvent(Guid Id, string Type, string Subject, DateTimeOffset Time, JsonElement Data);

/// <summary>
/// Paydesk's own reaction to an event. Events arrive at least once; the inbox makes a redelivery a
/// no-op. A handler changes state through repositories (or its own store) and never commits: the
/// dispatcher commits its effects together with the inbox record, in one transaction.
/// </summary>
public interface IIntegrationEventHandler
{
    /// <summary>A stable name, stored in the inbox with each event id; never rename a deployed handler.</summary>
    string Name { get; }

    bool Handles(string eventType);

    Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken);
}
