using System.Text.Json;
using CloudNative.CloudEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Common;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Infrastructure.External.Messaging.Inbox;

/// <summary>
/// Delivers one event to each of Paydesk's handlers subscribed to its type. Each handler runs in its
/// own scope and commits its effects together with its inbox record <c>(event id, handler)</c> in one
/// unit of work, so an event delivered again is skipped by every handler that already applied it.
/// </summary>
public sealed class InboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static ReceivedIntegrationEvent ToReceivedEvent(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var data = cloudEvent.Data switch
        {
            JsonElement element => element.Clone(),
            null => default,
            var other => JsonSerializer.SerializeToElement(other, JsonSerializerOptions.Web),
        };
        return new ReceivedIntegrationEvent(
            Guid.Parse(cloudEvent.Id!),
            IntegrationEventCatalog.ShortType(cloudEvent.Type ?? string.Empty),
            cloudEvent.Subject ?? string.Empty,
            cloudEvent.Time ?? default,
            data);
    }

    /// <summary>Decodes an outbox payload or broker message and dispatches it.</summary>
    public Task DispatchAsync(ReadOnlyMemory<byte> body, string contentType, CancellationToken cancellationToken) =>
        DispatchAsync(ToReceivedEvent(CloudEventEnvelope.Decode(body, contentType)), cancellationToken);

    /// <summary>
    /// Runs every subscribed handler that has not yet applied the event; throws if any fails, or if
    /// the data do not fit the event type's contract.
    /// </summary>
    public async Task DispatchAsync(ReceivedIntegrationEvent received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        List<string> names;
        IntegrationEvent integrationEvent;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var subscription = scope.ServiceProvider.GetKeyedService<IntegrationEventSubscription>(received.Type);
            if (subscription is null)
            {
                return;
            }

            names = scope.ServiceProvider.GetKeyedServices<IIntegrationEventHandler>(received.Type).Select(h => h.Name).ToList();

            // One look at the inbox for all of them, not one per handler. A concurrent delivery
            // that records a handler after this look still meets the inbox key at that handler's commit.
            var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
            var handled = await db.InboxRecords
                .Where(r => r.EventId == received.Id)
                .Select(r => r.Handler)
                .ToListAsync(cancellationToken);
            names.RemoveAll(handled.Contains);
            if (names.Count == 0)
            {
                return;
            }

            integrationEvent = subscription.Read(received.Id, received.Subject, received.Time, received.Data);
        }

        List<Exception>? failures = null;
        foreach (var name in names)
        {
            try
            {
                await HandleOnceAsync(name, integrationEvent, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException($"{failures.Count} handler(s) failed for event {integrationEvent.Id} ({integrationEvent.Type}).", failures);
        }
    }

    private async Task HandleOnceAsync(string handlerName, IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetKeyedServices<IIntegrationEventHandler>(integrationEvent.Type).Single(h => h.Name == handlerName);
        await handler.HandleAsync(integrationEvent, cancellationToken);

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

    private async Task<bool> AlreadyHandledAsync(string handlerName, Guid eventId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        return await db.InboxRecords.AnyAsync(r => r.EventId == eventId && r.Handler == handlerName);
    }
}
