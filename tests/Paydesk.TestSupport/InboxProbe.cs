using Microsoft.EntityFrameworkCore;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Webhooks;
using Paydesk.Infrastructure.Database;

namespace Paydesk.TestSupport;

/// <summary>
/// A test-only inbox handler whose effect is a tracked entity: one row per application of an
/// event, so a second application would show. The row has a fresh key each time, so no unique
/// index would hide a second application; its type names the event it came from.
/// </summary>
public sealed class InboxProbeHandler<TEvent>(IReceivedGatewayEventRepository rows, TimeProvider clock) : IIntegrationEventHandler<TEvent>
    where TEvent : IIntegrationEventData
{
    public string Name => InboxProbe.HandlerName;

    public Task HandleAsync(IntegrationEvent<TEvent> integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        rows.Add(InboxProbe.Effect(integrationEvent.Id, clock.GetUtcNow()));
        return Task.CompletedTask;
    }
}

public static class InboxProbe
{
    public const string HandlerName = "inbox.probe";

    public static ReceivedGatewayEvent Effect(Guid eventId, DateTimeOffset now) =>
        ReceivedGatewayEvent.Record($"inbox-probe-{Guid.NewGuid():N}", EffectType(eventId), now);

    /// <summary>How many times the probe's effect of event <paramref name="eventId"/> was committed.</summary>
    public static Task<int> CountEffectsAsync(PaydeskDbContext db, Guid eventId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var type = EffectType(eventId);
        return db.ReceivedGatewayEvents.CountAsync(e => e.Type == type);
    }

    private static string EffectType(Guid eventId) => $"inbox.probe:{eventId:N}";
}

/// <summary>A test-only event type, with data of its own, that the probe can subscribe to.</summary>
public sealed record InboxTestData(string Note) : IIntegrationEventData
{
    public static string EventType => "inbox.test";

    public static int SchemaVersion => 1;
}
