using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.External.Messaging.Inbox;

namespace Paydesk.Infrastructure.Tests.Messaging;

/// <summary>
/// Several relay workers dispatching at once: the example handler's count must neither lose an
/// increment nor fail on the first insert, and the inbox must still keep each event single.
/// </summary>
public abstract class EventTypeCountConcurrencyTests(DatabaseFixture fixture)
{
    private const int Workers = 8;

    [Fact]
    public async Task Distinct_events_of_one_type_dispatched_concurrently_are_all_counted()
    {
        await using var services = InProcessRelayTests.Services(fixture.Database);
        var dispatcher = services.GetRequiredService<InboxDispatcher>();
        var type = NewType();
        var events = Enumerable.Range(0, 50).Select(i => Event(type, TestData.Noon.AddSeconds(i))).ToList();

        await DispatchConcurrentlyAsync(dispatcher, events);

        await using var db = fixture.Database.CreateContext();
        var row = await db.EventTypeCounts.SingleAsync(c => c.EventType == type);
        Assert.Equal(50, row.Count);
        Assert.Equal(TestData.Noon.AddSeconds(49), row.LastEventAt);
        var ids = events.Select(e => e.Id).ToList();
        Assert.Equal(50, await db.InboxRecords.CountAsync(r => ids.Contains(r.EventId) && r.Handler == "event-type-count"));
    }

    [Fact]
    public async Task Concurrent_increments_of_an_existing_count_are_not_lost()
    {
        await using var services = InProcessRelayTests.Services(fixture.Database);
        var dispatcher = services.GetRequiredService<InboxDispatcher>();
        var type = NewType();
        await dispatcher.DispatchAsync(Event(type, TestData.Noon), CancellationToken.None);

        await DispatchConcurrentlyAsync(dispatcher, Enumerable.Range(1, 50).Select(i => Event(type, TestData.Noon.AddSeconds(i))).ToList());

        await using var db = fixture.Database.CreateContext();
        Assert.Equal(51, (await db.EventTypeCounts.SingleAsync(c => c.EventType == type)).Count);
    }

    [Fact]
    public async Task The_same_event_delivered_by_several_workers_at_once_is_counted_once()
    {
        await using var services = InProcessRelayTests.Services(fixture.Database);
        var dispatcher = services.GetRequiredService<InboxDispatcher>();
        var integrationEvent = Event(NewType(), TestData.Noon);

        await DispatchConcurrentlyAsync(dispatcher, Enumerable.Repeat(integrationEvent, Workers * 2).ToList());

        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, (await db.EventTypeCounts.SingleAsync(c => c.EventType == integrationEvent.Type)).Count);
        Assert.Equal(1, await db.InboxRecords.CountAsync(r => r.EventId == integrationEvent.Id));
    }

    private static string NewType() => $"inbox.test.{Guid.NewGuid():N}";

    private static IntegrationEvent Event(string type, DateTimeOffset time) =>
        new(Guid.CreateVersion7(), type, "subject", time, default);

    /// <summary>Hands the events out to <see cref="Workers"/> tasks that start together, as relay workers would take them.</summary>
    private static async Task DispatchConcurrentlyAsync(InboxDispatcher dispatcher, IReadOnlyList<IntegrationEvent> events)
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

public sealed class PostgresEventTypeCountConcurrencyTests(PostgresFixture fixture)
    : EventTypeCountConcurrencyTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteEventTypeCountConcurrencyTests(SqliteFixture fixture)
    : EventTypeCountConcurrencyTests(fixture), IClassFixture<SqliteFixture>;
