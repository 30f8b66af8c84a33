using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.WebhookEndpoints;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>
/// Turns a commit's outbox rows into one delivery per enabled endpoint that wants each event, in
/// that same commit: a delivery exists exactly when its event does, and the relay never waits for it.
/// </summary>
internal sealed class WebhookFanOut(PaydeskDbContext db)
{
    public async Task<IReadOnlyList<WebhookDelivery>> AddDeliveriesAsync(IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.Enabled)
            .Select(e => new { e.Id, e.EventTypes })
            .ToListAsync(cancellationToken);
        if (endpoints.Count == 0)
        {
            return [];
        }

        var deliveries = (
            from row in events
            from endpoint in endpoints
            where EventTypePattern.MatchesAny(endpoint.EventTypes, row.EventType)
            select WebhookDelivery.For(row.Id, row.EventType, endpoint.Id, row.CreatedAt)).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        return deliveries;
    }
}
