using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Common;
using Paydesk.Domain.Webhooks;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using Paydesk.TestSupport;

namespace Paydesk.Infrastructure.Tests.Messaging;

/// <summary>A handler's effects and its inbox record commit together or not at all.</summary>
public abstract class InboxAtomicityTests(DatabaseFixture fixture)
{
    /// <summary>A row that exists before the tests: writing it again fails the commit.</summary>
    private static readonly string TakenId = $"inbox-taken-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_commit_that_fails_after_the_effect_leaves_no_effect_and_no_inbox_record()
    {
        await SeedTakenRowAsync();
        await using var failing = InProcessRelayTests.Services(fixture.Database, FailAtCommit);
        var integrationEvent = InProcessRelayTests.TestEvent();

        var error = await Assert.ThrowsAsync<AggregateException>(
            () => failing.GetRequiredService<InboxDispatcher>().DispatchAsync(integrationEvent, CancellationToken.None));

        Assert.IsType<DuplicateKeyException>(Assert.Single(error.InnerExceptions));
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(0, await InboxProbe.CountEffectsAsync(db, integrationEvent.Id));
        Assert.False(await db.InboxRecords.AnyAsync(r => r.EventId == integrationEvent.Id));
    }

    [Fact]
    public async Task An_event_delivered_again_after_a_failed_commit_is_applied_once()
    {
        await SeedTakenRowAsync();
        var integrationEvent = InProcessRelayTests.TestEvent();
        await using (var failing = InProcessRelayTests.Services(fixture.Database, FailAtCommit))
        {
            await Assert.ThrowsAsync<AggregateException>(
                () => failing.GetRequiredService<InboxDispatcher>().DispatchAsync(integrationEvent, CancellationToken.None));
        }

        await using var services = InProcessRelayTests.Services(fixture.Database);
        var dispatcher = services.GetRequiredService<InboxDispatcher>();
        await dispatcher.DispatchAsync(integrationEvent, CancellationToken.None);
        await dispatcher.DispatchAsync(integrationEvent, CancellationToken.None);

        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, await InboxProbe.CountEffectsAsync(db, integrationEvent.Id));
        Assert.Equal(1, await db.InboxRecords.CountAsync(r => r.EventId == integrationEvent.Id));
    }

    /// <summary>The probe's place taken by a handler of the same name that also writes the taken row again.</summary>
    private static void FailAtCommit(IServiceCollection services)
    {
        var probe = services.Single(d => d.IsKeyedService
            && Equals(d.ServiceKey, InboxTestData.EventType)
            && d.KeyedImplementationType == typeof(InboxProbeHandler<InboxTestData>));
        services.Remove(probe);
        services.AddSubscription<InboxTestData, FailingAtCommitHandler>();
    }

    private async Task SeedTakenRowAsync()
    {
        await using var db = fixture.Database.CreateContext();
        if (!await db.ReceivedGatewayEvents.AnyAsync(e => e.Id == TakenId))
        {
            db.ReceivedGatewayEvents.Add(ReceivedGatewayEvent.Record(TakenId, "taken", TestData.Noon));
            await db.SaveChangesAsync();
        }
    }

    private sealed class FailingAtCommitHandler(IReceivedGatewayEventRepository rows, TimeProvider clock) : IIntegrationEventHandler<InboxTestData>
    {
        public string Name => InboxProbe.HandlerName;

        public Task HandleAsync(IntegrationEvent<InboxTestData> integrationEvent, CancellationToken cancellationToken)
        {
            rows.Add(InboxProbe.Effect(integrationEvent.Id, clock.GetUtcNow()));
            rows.Add(ReceivedGatewayEvent.Record(TakenId, "taken", clock.GetUtcNow()));
            return Task.CompletedTask;
        }
    }
}

public sealed class PostgresInboxAtomicityTests(PostgresFixture fixture)
    : InboxAtomicityTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteInboxAtomicityTests(SqliteFixture fixture)
    : InboxAtomicityTests(fixture), IClassFixture<SqliteFixture>;
