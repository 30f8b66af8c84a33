using System.Text.Json;

namespace Paydesk.Application.Events;

public readonly record struct EventPagePosition(DateTimeOffset CreatedAt, Guid Id);

/// <param name="Type">An exact type or a <c>prefix.*</c> pattern; null for all.</param>
public sealed record EventFilter(string? Type, DateTimeOffset CreatedFrom, DateTimeOffset? CreatedTo);

/// <summary>An integration event as it was sent: the CloudEvent, unchanged.</summary>
public sealed record EventResponse(Guid Id, string Type, string Subject, DateTimeOffset CreatedAt, JsonElement CloudEvent);

public sealed record EventAttemptResponse(DateTimeOffset AttemptedAt, int? StatusCode, string? Error, long DurationMs, string? ResponseBody);

public sealed record EventDeliveryResponse(
    Guid Id, Guid EndpointId, string Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset CreatedAt, IReadOnlyList<EventAttemptResponse> AttemptLog);

public sealed record EventDetailsResponse(EventResponse Event, IReadOnlyList<EventDeliveryResponse> Deliveries);

public sealed record EventPage(IReadOnlyList<EventResponse> Data, string? NextCursor);

public sealed record RedeliveryResponse(Guid EventId, IReadOnlyList<Guid> DeliveryIds);

/// <summary>The events Paydesk sent (the outbox keeps them) and their webhook deliveries.</summary>
public interface IEventLog
{
    Task<IReadOnlyList<EventResponse>> ListAsync(EventFilter filter, EventPagePosition? after, int count, CancellationToken cancellationToken);

    Task<EventDetailsResponse?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Queues the event again for one endpoint, or for every enabled endpoint whose types match.
    /// Null when the event is unknown.
    /// </summary>
    Task<RedeliveryResponse?> RedeliverAsync(Guid id, Guid? endpointId, CancellationToken cancellationToken);
}
