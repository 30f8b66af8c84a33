using FluentValidation;
using FluentValidation.Results;
using Paydesk.Application.Common;
using Paydesk.Domain.WebhookEndpoints;

namespace Paydesk.Application.Events;

public sealed record ListEventsQuery(string? Type, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, int? Limit, string? Cursor);

/// <summary>The events API: the last <see cref="Window"/> of events, newest first, and redelivery.</summary>
public sealed class EventQueries(IEventLog log, TimeProvider clock)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public async Task<EventPage> ListAsync(ListEventsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = query.Limit ?? DefaultLimit;
        var failures = new List<ValidationFailure>();
        if (limit is < 1 or > MaxLimit)
        {
            failures.Add(new ValidationFailure("limit", $"The limit must be from 1 to {MaxLimit}."));
        }

        if (query.Type is not null && !EventTypePattern.IsValid(query.Type))
        {
            failures.Add(new ValidationFailure("type", "The type must be an event type ('payment.succeeded') or a prefix ('payment.*')."));
        }

        EventPagePosition? after = null;
        if (query.Cursor is not null)
        {
            if (EventCursor.TryDecode(query.Cursor, out var position))
            {
                after = position;
            }
            else
            {
                failures.Add(new ValidationFailure("cursor", "The cursor is not valid; pass the nextCursor of a previous page unchanged."));
            }
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        var oldest = clock.GetUtcNow() - Window;
        var from = query.CreatedFrom is { } given && given > oldest ? given : oldest;
        var type = query.Type == "*" ? null : query.Type;
        var rows = await log.ListAsync(new EventFilter(type, from, query.CreatedTo), after, limit + 1, cancellationToken);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? EventCursor.Encode(new EventPagePosition(page[^1].CreatedAt, page[^1].Id)) : null;
        return new EventPage(page, next);
    }

    public async Task<EventDetailsResponse> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await log.GetAsync(id, cancellationToken) ?? throw NotFound(id);

    public async Task<RedeliveryResponse> RedeliverAsync(Guid id, Guid? endpointId, CancellationToken cancellationToken) =>
        await log.RedeliverAsync(id, endpointId, cancellationToken) ?? throw NotFound(id);

    private static NotFoundException NotFound(Guid id) => new("event_not_found", $"No event has the id {id}.");
}

public sealed record RedeliverEventCommand(Guid? EndpointId);
