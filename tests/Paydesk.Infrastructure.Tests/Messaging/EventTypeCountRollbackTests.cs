using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Inbox;

namespace Paydesk.Infrastructure.Tests.Messaging;

/// <summary>The count and its inbox record commit together or not at all.</summary>
public abstract class EventTypeCountRollbackTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task A_failure_after_the_count_leaves_no_count_and_no_inbox_record()
    {
        await using var failing = InProcessRelayTests.Services(fixture.Database, FailAfterCounting);
        var integrationEvent = Event();

        var error = await Assert.ThrowsAsync<AggregateException>(
            () => failing.GetRequiredService<InboxDispatcher>().DispatchAsync(integrationEvent, CancellationToken.None));

        Assert.IsType<InvalidOperationException>(Assert.Single(error.InnerExceptions));
        await using var db = fixture.Database.CreateContext();
        Assert.False(await db.EventTypeCounts.AnyAsync(c => c.EventType == integrationEvent.Type));
        Assert.False(await db.InboxRecords.AnyAsync(r => r.EventId == integrationEvent.Id));
    }

    [Fact]
    public async Task An_event_delivered_again_after_a_failed_commit_is_counted_once()
    {
        var integrationEvent = Event();
        await using (var failing = InProcessRelayTests.Services(fixture.Database, FailAfterCounting))
        {
            await Assert.ThrowsAsync<AggregateException>(
                () => failing.GetRequiredService<InboxDispatcher>().DispatchAsync(integrationEvent, CancellationToken.None));
        }

        await using var services = InProcessRelayTests.Services(fixture.Database);
        var dispatcher = services.GetRequiredService<InboxDispatcher>();
        await dispatcher.DispatchAsync(integrationEvent, CancellationToken.None);
        await dispatcher.DispatchAsync(integrationEvent, CancellationToken.None);

        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, (await db.EventTypeCounts.SingleAsync(c => c.EventType == integrationEvent.Type)).Count);
        Assert.Equal(1, await db.InboxRecords.CountAsync(r => r.EventId == integrationEvent.Id));
    }

    protected static IntegrationEvent Event() =>
        new(Guid.CreateVersion7(), $"inbox.test.{Guid.NewGuid():N}", "subject", TestData.Noon, default);

    /// <summary>The counter, under its own name, followed by a statement that fails inside the same transaction.</summary>
    private static void FailAfterCounting(IServiceCollection services) => ReplaceCounter(services, typeof(FailingAfterCountHandler));

    protected static void ReplaceCounter(IServiceCollection services, Type handler)
    {
        var counter = services.Single(d => d.ServiceType == typeof(IIntegrationEventHandler) && d.ImplementationType == typeof(EventTypeCountHandler));
        services.Remove(counter);
        services.AddScoped(typeof(IIntegrationEventHandler), handler);
    }

    private sealed class FailingAfterCountHandler(PaydeskDbContext db, InboxTransactionStatements statements) : IIntegrationEventHandler
    {
        private readonly EventTypeCountHandler _counter = new(db, statements);

        public string Name => _counter.Name;

        public bool Handles(string eventType) => _counter.Handles(eventType);

        public async Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
        {
            await _counter.HandleAsync(integrationEvent, cancellationToken);
            statements.Add(_ => throw new InvalidOperationException("The statement after the count fails."));
        }
    }
}

public sealed class PostgresEventTypeCountRollbackTests(PostgresFixture fixture)
    : EventTypeCountRollbackTests(fixture), IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_transaction_retried_after_a_transient_failure_writes_the_count_and_the_inbox_record_once()
    {
        // PostgreSQL runs the commit under a retrying execution strategy (SQLite has none): the
        // second attempt must write the inbox record again, although the first one had saved it.
        await using var services = InProcessRelayTests.Services(fixture.Database, s => ReplaceCounter(s, typeof(TransientFailureOnceHandler)));
        var integrationEvent = Event();

        await services.GetRequiredService<InboxDispatcher>().DispatchAsync(integrationEvent, CancellationToken.None);

        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, (await db.EventTypeCounts.SingleAsync(c => c.EventType == integrationEvent.Type)).Count);
        Assert.Equal(1, await db.InboxRecords.CountAsync(r => r.EventId == integrationEvent.Id));
    }

    /// <summary>The counter, then a statement that fails once as a dropped connection would.</summary>
    private sealed class TransientFailureOnceHandler(PaydeskDbContext db, InboxTransactionStatements statements) : IIntegrationEventHandler
    {
        private readonly EventTypeCountHandler _counter = new(db, statements);

        public string Name => _counter.Name;

        public bool Handles(string eventType) => _counter.Handles(eventType);

        public async Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
        {
            await _counter.HandleAsync(integrationEvent, cancellationToken);
            var attempts = 0;
            statements.Add(_ => ++attempts == 1
                ? throw new NpgsqlException("Simulated broken connection.", new TimeoutException())
                : Task.CompletedTask);
        }
    }
}

public sealed class SqliteEventTypeCountRollbackTests(SqliteFixture fixture)
    : EventTypeCountRollbackTests(fixture), IClassFixture<SqliteFixture>;
