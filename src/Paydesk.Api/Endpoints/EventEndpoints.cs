using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Paydesk.Api.Auth;
using Paydesk.Application.Events;

namespace Paydesk.Api.Endpoints;

/// <summary>The integration events Paydesk sent in the last 30 days, their webhook deliveries, and redelivery.</summary>
internal static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder v1)
    {
        var events = v1.MapGroup("/events").WithTags("Events");

        events.MapGet("/", async Task<Ok<EventPage>> (
                string? type, DateTimeOffset? createdFrom, DateTimeOffset? createdTo, int? limit, string? cursor,
                ClaimsPrincipal caller, CursorBinding cursors, EventQueries queries, CancellationToken cancellationToken) =>
            {
                var page = await queries.ListAsync(new ListEventsQuery(type, createdFrom, createdTo, limit, cursors.Unbind(cursor, caller)), cancellationToken);
                return TypedResults.Ok(page with { NextCursor = cursors.Bind(page.NextCursor, caller) });
            })
            .RequireAuthorization(ApiScopes.WebhooksRead)
            .WithName("ListEvents")
            .WithSummary("List the events of the last 30 days, newest first")
            .WithDescription("type is an exact type or a prefix ('payment.*'); createdFrom is inclusive, createdTo exclusive (ISO 8601). Keyset paging: pass the nextCursor of one page as the cursor of the next. limit is 1 to 100, default 20.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        events.MapGet("/{id:guid}", async Task<Ok<EventDetailsResponse>> (Guid id, EventQueries queries, CancellationToken cancellationToken) =>
                TypedResults.Ok(await queries.GetAsync(id, cancellationToken)))
            .RequireAuthorization(ApiScopes.WebhooksRead)
            .WithName("GetEvent")
            .WithSummary("Get an event and its webhook deliveries with every attempt")
            .ProducesProblem(StatusCodes.Status404NotFound);

        events.MapPost("/{id:guid}/redeliver", async Task<Accepted<RedeliveryResponse>> (
                Guid id, RedeliverEventCommand? body, EventQueries queries, CancellationToken cancellationToken) =>
                TypedResults.Accepted($"/v1/events/{id}", await queries.RedeliverAsync(id, body?.EndpointId, cancellationToken)))
            .RequireAuthorization(ApiScopes.WebhooksWrite)
            .WithName("RedeliverEvent")
            .WithSummary("Send an event again to one endpoint, or to every enabled endpoint that wants it")
            .WithDescription("The same event id and body, with a fresh timestamp and signature; a new delivery with its own retries.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return v1;
    }
}
