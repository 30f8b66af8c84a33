using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using Paydesk.TestSupport;

namespace Paydesk.Infrastructure.Tests.Messaging;

/// <summary>Several relay workers dispatching at once: the inbox must still keep each event single.</summary>
public abstract class InboxConcurrencyTests(DatabaseFixture fixture)
{
    private const int Workers = 8;

    [Fact]
    public async Task Distinct_events_dispatched_concurrently_are_each_applied_once()
    {
        await using var services = InProcessRelayTests.Services(fixture.Database);
        var dispatcher = services.GetRequiredService<InboxDispatcher>();
        var events = Enumerable.Range(0, 50).Select(i => InProcessRelayTests.TestEvent(TestData.Noon.AddSeconds(i))).ToList();

        await DispatchConcurrentlyAsync(dispatcher, events);

        await using var db = fixture.Database.CreateContext();
        foreach (var integrationEvent in events)
        {
            Assert.Equal(1, await InboxProbe.CountEffectsAsync(db, integrationEvent.Id));
        }

        var ids = events.Select(e => e.Id).ToList();
        Assert.Equal(50, await db.InboxRecords.CountAsync(r => ids.Contains(r.EventId) && r.Handler == InboxProbe.HandlerName));
    }

    [Fact]
    public async Task The_same_event_delivered_by_several_workers_at_once_is_applied_once()
    {
        await using var services = InProcessRelayTests.Services(fixture.Database);
        var dispatcher = services.GetRequiredService<InboxDispatcher>();
        var integrationEvent = InProcessRelayTests.TestEvent();

        await DispatchConcurrentlyAsync(dispatcher, Enumerable.Repeat(integrationEvent, Workers * 2).ToList());

        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, await InboxProbe.CountEffectsAsync(db, integrationEvent.Id));
        Assert.Equal(1, await db.InboxRecords.CountAsync(r => r.EventId == integrationEvent.Id));
    }

    /// <summary>Hands the events out to <see cref="Workers"/> tasks that start together, as relay workers would take them.</summary>
    private static async Task DispatchConcurrentlyAsync(InboxDispatcher dispatcher, IReadOnlyList<ReceivedIntegrationEvent> events)
    {
        var next = -1;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            int i;
            while ((i = Interlocked.Increment(ref next)) < events.Count)
            {
                await dispatcher.DispatchAsync(events[i], CancellationToken.None);
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(workers);
    }
}

public sealed class PostgresInboxConcurrencyTests(PostgresFixture fixture)
    : InboxConcurrencyTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteInboxConcurrencyTests(SqliteFixture fixture)
    : InboxConcurrencyTests(fixture), IClassFixture<SqliteFixture>;
