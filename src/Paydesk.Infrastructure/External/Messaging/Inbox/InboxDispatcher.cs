using System.Text.Json;
using CloudNative.CloudEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Infrastructure.External.Messaging.Inbox;

/// <summary>
/// Delivers one event to each of Paydesk's handlers that wants it. Each handler runs in its own
/// scope and commits its effects together with its inbox record <c>(event id, handler)</c>, so an
/// event delivered again is skipped by every handler that already applied it.
/// </summary>
public sealed class InboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static IntegrationEvent ToIntegrationEvent(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var type = cloudEvent.Type ?? string.Empty;
        var data = cloudEvent.Data switch
        {
            JsonElement element => element.Clone(),
            null => default,
            var other => JsonSerializer.SerializeToElement(other, JsonSerializerOptions.Web),
        };
        return new IntegrationEvent(
            Guid.Parse(cloudEvent.Id!),
            type.StartsWith(IntegrationEventCatalog.TypePrefix, StringComparison.Ordinal) ? type[IntegrationEventCatalog.TypePrefix.Length..] : type,
            cloudEvent.Subject ?? string.Empty,
            cloudEvent.Time ?? default,
            data);
    }

    /// <summary>Decodes an outbox payload or broker message and dispatches it.</summary>
    public Task DispatchAsync(ReadOnlyMemory<byte> body, string contentType, CancellationToken cancellationToken) =>
        DispatchAsync(ToIntegrationEvent(CloudEventEnvelope.Decode(body, contentType)), cancellationToken);

    /// <summary>Runs every interested handler that has not yet applied the event; throws if any fails.</summary>
    public async Task DispatchAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        List<string> names;
        await using (var scope = scopes.CreateAsyncScope())
        {
            names = scope.ServiceProvider.GetServices<IIntegrationEventHandler>()
                .Where(h => h.Handles(integrationEvent.Type))
                .Select(h => h.Name)
                .ToList();

            // One look at the inbox for all of them, not one per handler. A concurrent delivery
            // that records a handler after this look still meets the inbox key at that handler's commit.
            if (names.Count > 0)
            {
                var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
                var handled = await db.InboxRecords
                    .Where(r => r.EventId == integrationEvent.Id)
                    .Select(r => r.Handler)
                    .ToListAsync(cancellationToken);
                names.RemoveAll(handled.Contains);
            }
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
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();

        var handler = scope.ServiceProvider.GetServices<IIntegrationEventHandler>().Single(h => h.Name == handlerName);
        await handler.HandleAsync(integrationEvent, cancellationToken);
        db.InboxRecords.Add(new InboxRecord { EventId = integrationEvent.Id, Handler = handlerName, ProcessedAt = Timestamps.Normalize(clock.GetUtcNow()) });
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var statements = scope.ServiceProvider.GetRequiredService<InboxTransactionStatements>();
        try
        {
            if (statements.IsEmpty)
            {
                // Tracked changes only: SaveChanges is already one transaction.
                await unitOfWork.SaveChangesAsync(cancellationToken);
            }
            else
            {
                await CommitWithStatementsAsync(db, unitOfWork, statements, cancellationToken);
            }
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

    /// <summary>
    /// The tracked changes and inbox record, then the handler's statements, in one transaction. A
    /// user transaction must run inside the execution strategy (PostgreSQL retries on transient
    /// failures); each attempt saves the entries again, as they are accepted only after the commit.
    /// A retry after a commit that did succeed meets the inbox record: DuplicateKeyException, as
    /// for a concurrent delivery. The inbox row is written first so that the counter rows the
    /// statements lock stay locked only until the commit right after them.
    /// </summary>
    private static async Task CommitWithStatementsAsync(
        PaydeskDbContext db, UnitOfWork unitOfWork, InboxTransactionStatements statements, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();

        // A failure anywhere rolls the whole transaction back, so SaveChanges' savepoint in it
        // would only cost round trips.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await strategy.ExecuteAsync(
                async ct =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    await unitOfWork.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
                    await statements.RunAsync(ct);
                    await transaction.CommitAsync(ct);
                },
                cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }

        db.ChangeTracker.AcceptAllChanges();
    }

    private async Task<bool> AlreadyHandledAsync(string handlerName, Guid eventId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        return await db.InboxRecords.AnyAsync(r => r.EventId == eventId && r.Handler == handlerName);
    }
}
