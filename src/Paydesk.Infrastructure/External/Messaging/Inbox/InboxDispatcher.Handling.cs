using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Common;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.External.Messaging.Inbox;

public sealed partial class InboxDispatcher
{
    /// <summary>
    /// One handler's share of a batch: every event in one scope and one commit. An event whose
    /// handler call throws is undone in memory and fails alone. If the commit itself fails (a
    /// concurrent delivery recorded one of the events first, or a constraint of one event's
    /// effects), the events are handled again one by one, each in its own unit of work, so only the
    /// event at fault fails.
    /// </summary>
    private async Task HandleAllAsync(
        string eventType, string handlerName, List<PlannedEvent> items, Action<int, Exception> fail, CancellationToken cancellationToken)
    {
        if (items.Count > 1)
        {
            var applied = await TryHandleTogetherAsync(eventType, handlerName, items, fail, cancellationToken);
            if (applied is null)
            {
                return;
            }

            items = applied;
        }

        foreach (var item in items)
        {
            try
            {
                await HandleOnceAsync(eventType, handlerName, item.Event, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                fail(item.Index, ex);
            }
        }
    }

    /// <summary>Returns null when the batch committed, otherwise the events that still need their own unit of work.</summary>
    private async Task<List<PlannedEvent>?> TryHandleTogetherAsync(
        string eventType, string handlerName, List<PlannedEvent> items, Action<int, Exception> fail, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = Handler(scope.ServiceProvider, eventType, handlerName);
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        var applied = new List<PlannedEvent>(items.Count);
        foreach (var item in items)
        {
            var checkpoint = ChangeTrackerCheckpoint.Take(db);
            try
            {
                await handler.HandleAsync(item.Event, cancellationToken);
                applied.Add(item);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                checkpoint.Restore(db);
                fail(item.Index, ex);
            }
        }

        if (applied.Count == 0)
        {
            return null;
        }

        // The inbox records after every handler call, so a call that throws never has to undo them.
        var now = Timestamps.Normalize(clock.GetUtcNow());
        db.InboxRecords.AddRange(applied.Select(item => new InboxRecord { EventId = item.Event.Id, Handler = handlerName, ProcessedAt = now }));
        try
        {
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return applied;
        }
    }

    private async Task HandleOnceAsync(string eventType, string handlerName, IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await Handler(scope.ServiceProvider, eventType, handlerName).HandleAsync(integrationEvent, cancellationToken);

        // The handler's tracked changes and the inbox record: one SaveChanges, so one transaction.
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        db.InboxRecords.Add(new InboxRecord { EventId = integrationEvent.Id, Handler = handlerName, ProcessedAt = Timestamps.Normalize(clock.GetUtcNow()) });
        try
        {
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            // A concurrent delivery of the same event won: its effects stand and ours rolled back.
            // Any other unique violation is the handler's own failure.
            if (!await AlreadyHandledAsync(handlerName, integrationEvent.Id))
            {
                throw;
            }
        }
    }

    private static IIntegrationEventHandler Handler(IServiceProvider services, string eventType, string handlerName) =>
        services.GetKeyedServices<IIntegrationEventHandler>(eventType).Single(h => h.Name == handlerName);

    private async Task<bool> AlreadyHandledAsync(string handlerName, Guid eventId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        return await db.InboxRecords.AnyAsync(r => r.EventId == eventId && r.Handler == handlerName);
    }
}
