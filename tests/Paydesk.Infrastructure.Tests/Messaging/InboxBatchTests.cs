using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Webhooks;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using Paydesk.TestSupport;

namespace Paydesk.Infrastructure.Tests.Messaging;

/// <summary>A batch of events: each applied once, and a failing one fails alone.</summary>
public abstract class InboxBatchTests(DatabaseFixture fixture)
{
    private const string FailInHandler = "fail in the handler";
    private const string FailAtCommit = "fail at the commit";

    /// <summary>A row that exists before the tests: writing it again fails the commit.</summary>
    private static readonly string TakenId = $"inbox-batch-taken-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_batch_applies_each_event_once_and_records_it_in_the_inbox()
    {
        await using var services = InProcessRelayTests.Services(fixture.Database);
        var batch = Enumerable.Range(0, 5).Select(_ => InProcessRelayTests.TestEvent()).ToList();

        var results = await services.GetRequiredService<InboxDispatcher>().DispatchBatchAsync(batch, CancellationToken.None);
        var again = await services.GetRequiredService<InboxDispatcher>().DispatchBatchAsync(batch, CancellationToken.None);

        Assert.All(results.Concat(again), Assert.Null);
        await using var db = fixture.Database.CreateContext();
        foreach (var received in batch)
        {
            Assert.Equal(1, await InboxProbe.CountEffectsAsync(db, received.Id));
            Assert.Equal(1, await db.InboxRecords.CountAsync(r => r.EventId == received.Id));
        }
    }

    [Theory]
    [InlineData(FailInHandler)]
    [InlineData(FailAtCommit)]
    public async Task An_event_that_fails_in_a_batch_fails_alone_and_the_others_apply_once(string failure)
    {
        await SeedTakenRowAsync();
        await using var services = InProcessRelayTests.Services(fixture.Database, ReplaceProbeWithFailingHandler);
        var batch = new[] { Event("ok"), Event(failure), Event("ok") };

        var results = await services.GetRequiredService<InboxDispatcher>().DispatchBatchAsync(batch, CancellationToken.None);

        Assert.Null(results[0]);
        Assert.IsType<AggregateException>(results[1]);
        Assert.Null(results[2]);
        await using var db = fixture.Database.CreateContext();
        foreach (var (received, applied) in batch.Zip([1, 0, 1]))
        {
            Assert.Equal(applied, await InboxProbe.CountEffectsAsync(db, received.Id));
            Assert.Equal(applied, await db.InboxRecords.CountAsync(r => r.EventId == received.Id));
        }
    }

    private static ReceivedIntegrationEvent Event(string note) =>
        InProcessRelayTests.TestEvent() with { Data = JsonSerializer.SerializeToElement(new InboxTestData(note), JsonSerializerOptions.Web) };

    private async Task SeedTakenRowAsync()
    {
        await using var db = fixture.Database.CreateContext();
        if (!await db.ReceivedGatewayEvents.AnyAsync(e => e.Id == TakenId))
        {
            db.ReceivedGatewayEvents.Add(ReceivedGatewayEvent.Record(TakenId, "taken", TestData.Noon));
            await db.SaveChangesAsync();
        }
    }

    private static void ReplaceProbeWithFailingHandler(IServiceCollection services)
    {
        var probe = services.Single(d => d.IsKeyedService
            && Equals(d.ServiceKey, InboxTestData.EventType)
            && d.KeyedImplementationType == typeof(InboxProbeHandler<InboxTestData>));
        services.Remove(probe);
        services.AddSubscription<InboxTestData, FailingHandler>();
    }

    /// <summary>The probe's effect for every event; for the marked ones it then throws, or adds a row whose key is taken.</summary>
    private sealed class FailingHandler(IReceivedGatewayEventRepository rows, TimeProvider clock) : IIntegrationEventHandler<InboxTestData>
    {
        public string Name => InboxProbe.HandlerName;

        public Task HandleAsync(IntegrationEvent<InboxTestData> integrationEvent, CancellationToken cancellationToken)
        {
            rows.Add(InboxProbe.Effect(integrationEvent.Id, clock.GetUtcNow()));
            switch (integrationEvent.Data.Note)
            {
                case FailInHandler:
                    throw new InvalidOperationException("The handler failed.");
                case FailAtCommit:
                    rows.Add(ReceivedGatewayEvent.Record(TakenId, "taken", clock.GetUtcNow()));
                    break;
            }

            return Task.CompletedTask;
        }
    }
}

public sealed class PostgresInboxBatchTests(PostgresFixture fixture) : InboxBatchTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteInboxBatchTests(SqliteFixture fixture) : InboxBatchTests(fixture), IClassFixture<SqliteFixture>;
