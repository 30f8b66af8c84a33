using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paydesk.Application.Common;
using Paydesk.Application.Events;
using Paydesk.Domain.Common;
using Paydesk.Domain.WebhookEndpoints;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>The events API over the outbox's stored events and the webhook deliveries made of them.</summary>
internal sealed class EventLog(PaydeskDbContext db, TimeProvider clock) : IEventLog
{
    public async Task<IReadOnlyList<EventResponse>> ListAsync(EventFilter filter, EventPagePosition? after, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var from = Timestamps.Normalize(filter.CreatedFrom);
        var query = db.OutboxMessages.AsNoTracking().Where(m => m.CreatedAt >= from);
        if (filter.CreatedTo is { } to)
        {
            var until = Timestamps.Normalize(to);
            query = query.Where(m => m.CreatedAt < until);
        }

        if (filter.Type is { } type)
        {
            if (type.EndsWith(".*", StringComparison.Ordinal))
            {
                var prefix = type[..^1];
                query = query.Where(m => m.EventType.StartsWith(prefix));
            }
            else
            {
                query = query.Where(m => m.EventType == type);
            }
        }

        if (after is { } position)
        {
            var at = position.CreatedAt;
            var id = position.Id;
            query = query.Where(m => m.CreatedAt < at || (m.CreatedAt == at && m.Id.CompareTo(id) < 0));
        }

        var rows = await query
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Id)
            .Take(count)
            .Select(m => new { m.Id, m.EventType, m.Subject, m.CreatedAt, m.Payload })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new EventResponse(r.Id, r.EventType, r.Subject, r.CreatedAt, Parse(r.Payload)));
    }

    public async Task<EventDetailsResponse?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new { m.Id, m.EventType, m.Subject, m.CreatedAt, m.Payload })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EventId == id).ToListAsync(cancellationToken);
        var attempts = await db.WebhookAttempts.AsNoTracking().Where(a => a.EventId == id).ToListAsync(cancellationToken);
        var byDelivery = attempts.ToLookup(a => a.DeliveryId);
        var answer = deliveries
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => new EventDeliveryResponse(
                d.Id,
                d.EndpointId,
                d.Status.ToString().ToLowerInvariant(),
                d.Attempts,
                d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null,
                d.CreatedAt,
                byDelivery[d.Id].OrderBy(a => a.AttemptedAt)
                    .Select(a => new EventAttemptResponse(a.AttemptedAt, a.StatusCode, a.Error, a.DurationMs, a.ResponseBody))
                    .ToList()))
            .ToList();
        return new EventDetailsResponse(new EventResponse(row.Id, row.EventType, row.Subject, row.CreatedAt, Parse(row.Payload)), answer);
    }

    public async Task<RedeliveryResponse?> RedeliverAsync(Guid id, Guid? endpointId, CancellationToken cancellationToken)
    {
        var row = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new { m.Id, m.EventType })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        List<WebhookEndpoint> targets;
        if (endpointId is { } one)
        {
            var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == one, cancellationToken)
                ?? throw new NotFoundException("webhook_endpoint_not_found", $"No webhook endpoint has the id {one}.");
            if (!endpoint.Enabled)
            {
                throw new ConflictException("webhook_endpoint_disabled", "The endpoint is disabled; enable it before redelivering to it.");
            }

            targets = [endpoint];
        }
        else
        {
            targets = (await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(cancellationToken))
                .Where(e => e.Wants(row.EventType))
                .ToList();
        }

        var now = clock.GetUtcNow();
        var deliveries = targets.ConvertAll(e => WebhookDelivery.For(row.Id, row.EventType, e.Id, now));
        db.WebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(cancellationToken);
        return new RedeliveryResponse(row.Id, deliveries.ConvertAll(d => d.Id));
    }

    private static JsonElement Parse(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.Clone();
    }
}
