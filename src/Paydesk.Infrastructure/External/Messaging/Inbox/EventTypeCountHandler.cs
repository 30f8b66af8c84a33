using Microsoft.EntityFrameworkCore;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.External.Messaging.Inbox;

/// <summary>
/// The example handler: counts every event Paydesk publishes, by type. Its effect is a plain
/// increment, so a second application of the same event would show at once; the inbox prevents it.
/// </summary>
/// <remarks>
/// Relay workers handle different events of one type at the same time, so the increment is one
/// atomic upsert, not a read then a write (which lost increments and raced on the first insert).
/// It runs in the dispatcher's transaction with the inbox record (<see cref="InboxTransactionStatements"/>).
/// </remarks>
internal sealed class EventTypeCountHandler(PaydeskDbContext db, InboxTransactionStatements statements) : IIntegrationEventHandler
{
    public string Name => "event-type-count";

    public bool Handles(string eventType) => true;

    public Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.Type;
        var time = ToProvider(Timestamps.Normalize(integrationEvent.Time));

        // PostgreSQL and SQLite (3.24+) both know ON CONFLICT ... DO UPDATE and "excluded"; CASE
        // rather than GREATEST/MAX keeps one text for both. Events arrive out of order, so the
        // later time wins rather than the last one applied.
        statements.Add(ct => db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO event_type_counts (event_type, count, last_event_at)
            VALUES ({type}, 1, {time})
            ON CONFLICT (event_type) DO UPDATE SET
                count = event_type_counts.count + 1,
                last_event_at = CASE WHEN excluded.last_event_at > event_type_counts.last_event_at
                    THEN excluded.last_event_at ELSE event_type_counts.last_event_at END
            """,
            ct));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Raw SQL parameters bypass the model's value converters, so the time is converted here as the
    /// model stores it: a timestamp on PostgreSQL, microseconds since the epoch on SQLite.
    /// </summary>
    private object ToProvider(DateTimeOffset time)
    {
        var property = db.Model.FindEntityType(typeof(EventTypeCount))!.FindProperty(nameof(EventTypeCount.LastEventAt))!;
        return property.GetTypeMapping().Converter?.ConvertToProvider(time) ?? time;
    }
}
