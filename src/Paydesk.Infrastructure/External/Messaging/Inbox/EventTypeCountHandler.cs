using Microsoft.EntityFrameworkCore;
using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.External.Messaging.Inbox;

/// <summary>
/// The example handler: counts every event Paydesk publishes, by type. Its effect is a plain
/// increment, so a second application of the same event would show at once; the inbox prevents it.
/// </summary>
internal sealed class EventTypeCountHandler(PaydeskDbContext db) : IIntegrationEventHandler
{
    public string Name => "event-type-count";

    public bool Handles(string eventType) => true;

    public async Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var row = await db.EventTypeCounts.SingleOrDefaultAsync(c => c.EventType == integrationEvent.Type, cancellationToken);
        if (row is null)
        {
            row = new EventTypeCount { EventType = integrationEvent.Type };
            db.EventTypeCounts.Add(row);
        }

        row.Count++;
        row.LastEventAt = integrationEvent.Time;
    }
}
