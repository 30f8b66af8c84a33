using System.Runtime.ExceptionServices;
using System.Text.Json;
using CloudNative.CloudEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Infrastructure.External.Messaging.Inbox;

/// <summary>
/// Delivers events to each of Paydesk's handlers subscribed to their type. A handler commits its
/// effects together with its inbox records <c>(event id, handler)</c> in one unit of work, so an
/// event delivered again is skipped by every handler that already applied it. A batch of events is
/// one look at the inbox and, per handler, one unit of work for all of its events.
/// </summary>
public sealed partial class InboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock)
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
        if ((await DispatchBatchAsync([received], cancellationToken))[0] is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>
    /// Runs every subscribed handler that has not yet applied each event of the batch. Returns one
    /// entry per event, in order: null when every handler has applied it, otherwise why not (an
    /// <see cref="AggregateException"/> of the handlers' failures, or the reason its data do not fit
    /// the event type's contract). A failing event fails alone; the others of the batch still apply.
    /// </summary>
    public async Task<IReadOnlyList<Exception?>> DispatchBatchAsync(IReadOnlyList<ReceivedIntegrationEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new Exception?[batch.Count];
        var handlerFailures = new List<Exception>?[batch.Count];
        var work = await PlanAsync(batch, results, cancellationToken);
        foreach (var ((type, handlerName), items) in work)
        {
            await HandleAllAsync(type, handlerName, items, (index, ex) => (handlerFailures[index] ??= []).Add(ex), cancellationToken);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (handlerFailures[i] is { } failures)
            {
                results[i] = new AggregateException($"{failures.Count} handler(s) failed for event {batch[i].Id} ({batch[i].Type}).", failures);
            }
        }

        return results;
    }

    /// <summary>
    /// Which handler still has to apply which event: one look at the inbox for the whole batch.
    /// A concurrent delivery that records a handler after this look still meets the inbox key at
    /// that handler's commit. Events whose data do not fit their contract get their reason in
    /// <paramref name="results"/> and no work.
    /// </summary>
    private async Task<Dictionary<(string Type, string Handler), List<PlannedEvent>>> PlanAsync(
        IReadOnlyList<ReceivedIntegrationEvent> batch, Exception?[] results, CancellationToken cancellationToken)
    {
        var work = new Dictionary<(string, string), List<PlannedEvent>>();
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var subscribed = new Dictionary<string, (IntegrationEventSubscription Subscription, List<string> Handlers)?>(StringComparer.Ordinal);
        foreach (var received in batch)
        {
            if (!subscribed.ContainsKey(received.Type))
            {
                subscribed[received.Type] = services.GetKeyedService<IntegrationEventSubscription>(received.Type) is { } subscription
                    ? (subscription, services.GetKeyedServices<IIntegrationEventHandler>(received.Type).Select(h => h.Name).ToList())
                    : null;
            }
        }

        var ids = batch.Where(e => subscribed[e.Type] is not null).Select(e => e.Id).Distinct().ToList();
        if (ids.Count == 0)
        {
            return work;
        }

        var db = services.GetRequiredService<PaydeskDbContext>();
        var handled = (await db.InboxRecords
                .Where(r => ids.Contains(r.EventId))
                .Select(r => new { r.EventId, r.Handler })
                .ToListAsync(cancellationToken))
            .Select(r => (r.EventId, r.Handler))
            .ToHashSet();
        for (var i = 0; i < batch.Count; i++)
        {
            var received = batch[i];
            if (subscribed[received.Type] is not { } entry)
            {
                continue;
            }

            var (subscription, handlers) = entry;

            var pending = handlers.Where(h => !handled.Contains((received.Id, h))).ToList();
            if (pending.Count == 0)
            {
                continue;
            }

            IntegrationEvent integrationEvent;
            try
            {
                integrationEvent = subscription.Read(received.Id, received.Subject, received.Time, received.Data);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results[i] = ex;
                continue;
            }

            foreach (var handler in pending)
            {
                var key = (received.Type, handler);
                if (!work.TryGetValue(key, out var items))
                {
                    work[key] = items = [];
                }

                items.Add(new PlannedEvent(i, integrationEvent));
            }
        }

        return work;
    }

    /// <summary>An event of the batch, by its position, read into its contract.</summary>
    private sealed record PlannedEvent(int Index, IntegrationEvent Event);
}
