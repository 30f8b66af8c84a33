using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Paydesk.Application.Common;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using Paydesk.Infrastructure.External.Messaging.Outbox;
using Paydesk.Infrastructure.External.Messaging.Relay;
using Paydesk.TestSupport;
using RabbitMQ.Client;

namespace Paydesk.Api.Tests.Messaging;

/// <summary>The outbox relay against the real RabbitMQ node and a real PostgreSQL database.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class OutboxRelayRabbitMqTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private readonly string _exchange = $"paydesk.test.events.{Guid.NewGuid():N}";
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await _database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_charge_publishes_exactly_one_payment_succeeded_cloud_event()
    {
        var queue = await RabbitMqBroker.DeclareBoundQueueAsync(_exchange, "payment.succeeded");
        using var host = MessagingHost.Create(_database, _exchange, relay: false);
        var userId = await MessagingHost.RegisterUserAsync(host.Services);
        using var activity = new Activity("charge-under-test").SetIdFormat(ActivityIdFormat.W3C).Start();

        var payment = await MessagingHost.ChargeAsync(host.Services, userId);
        activity.Stop();
        await DrainOutboxAsync(host.Services);

        var messages = await RabbitMqBroker.DrainAsync(queue);
        var message = Assert.Single(messages);
        var row = await SingleRowAsync("payment.succeeded");
        Assert.Equal(row.Id.ToString(), message.BasicProperties.MessageId);
        Assert.Equal(DeliveryModes.Persistent, message.BasicProperties.DeliveryMode);
        Assert.Equal("payment.succeeded", message.RoutingKey);
        Assert.Equal(activity.Id, Encoding.UTF8.GetString((byte[])message.BasicProperties.Headers!["traceparent"]!));

        var cloudEvent = CloudEventEnvelope.Decode(message.Body, message.BasicProperties.ContentType!);
        Assert.Equal(row.Id.ToString(), cloudEvent.Id);
        Assert.Equal("com.paydesk.payment.succeeded", cloudEvent.Type);
        Assert.Equal("/paydesk", cloudEvent.Source!.ToString());
        Assert.Equal(payment.Payment.Id.ToString(), cloudEvent.Subject);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal("urn:paydesk:events:payment.succeeded:v1", cloudEvent.DataSchema!.ToString());
        Assert.NotNull(cloudEvent.Time);
        Assert.Equal(activity.Id, cloudEvent[CloudEventEnvelope.TraceParent]);
        var data = InboxDispatcher.ToReceivedEvent(cloudEvent).Data;
        Assert.Equal(payment.Payment.Id, data.GetProperty("paymentId").GetGuid());
        Assert.Equal(userId, data.GetProperty("userId").GetGuid());
        Assert.Equal(1500, data.GetProperty("amount").GetInt64());
        Assert.Equal("USD", data.GetProperty("currency").GetString());
        await RabbitMqBroker.DeleteAsync(queue, _exchange);
    }

    [Fact]
    public async Task A_rolled_back_use_case_writes_no_outbox_row_and_publishes_nothing()
    {
        var queue = await RabbitMqBroker.DeclareBoundQueueAsync(_exchange, "user.registered");
        using var host = MessagingHost.Create(_database, _exchange, relay: false);
        var email = $"taken-{Guid.NewGuid():N}@example.com";
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Paydesk.Application.Users.RegisterUserHandler>()
                .HandleAsync(new(email, "First"), CancellationToken.None);
        }

        // The second registration fails on the unique email at commit: its change and its event roll back together.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAsync<ConflictException>(() => scope.ServiceProvider.GetRequiredService<Paydesk.Application.Users.RegisterUserHandler>()
                .HandleAsync(new(email.ToUpperInvariant(), "Second"), CancellationToken.None));
        }

        await DrainOutboxAsync(host.Services);

        var row = await SingleRowAsync("user.registered");
        var message = Assert.Single(await RabbitMqBroker.DrainAsync(queue));
        Assert.Equal(row.Id.ToString(), message.BasicProperties.MessageId);
        await RabbitMqBroker.DeleteAsync(queue, _exchange);
    }

    [Fact]
    public async Task Events_written_while_the_broker_is_down_all_arrive_after_it_returns()
    {
        const int Payments = 500;
        var queue = await RabbitMqBroker.DeclareBoundQueueAsync(_exchange, "payment.succeeded");
        using var host = MessagingHost.Create(_database, _exchange, relay: true, new Dictionary<string, string?> { ["Messaging:MaxAttempts"] = "1000" });
        await host.StartAsync();
        var userId = await MessagingHost.RegisterUserAsync(host.Services);
        await Eventually.Until(() => PendingCountAsync(), n => n == 0, Deadline, "the relay to publish the registration");

        // The bench smoke run (another test project) needs the node up while it runs.
        using var brokerOutage = await RabbitMqOutageLock.AcquireAsync(TimeSpan.FromMinutes(10));
        await RabbitMqBroker.CtlAsync("stop_app");
        try
        {
            for (var i = 0; i < Payments; i++)
            {
                await MessagingHost.ChargeAsync(host.Services, userId, amount: 100 + i);
            }
        }
        finally
        {
            await RabbitMqBroker.CtlAsync("start_app");
        }

        await Eventually.Until(() => PendingCountAsync(), n => n == 0, Deadline, "the relay to publish every payment");
        await host.StopAsync();

        var expected = await IdsAsync("payment.succeeded");
        Assert.Equal(Payments, expected.Count);
        var received = (await RabbitMqBroker.DrainAsync(queue)).Select(m => Guid.Parse(m.BasicProperties.MessageId!)).ToList();
        Assert.Equal(expected.Order(), received.Distinct().Order());
        Assert.All(received, id => Assert.Contains(id, expected));
        await RabbitMqBroker.DeleteAsync(queue, _exchange);
    }

    [Fact]
    public async Task Two_relays_on_one_database_publish_every_row_exactly_once()
    {
        const int Rows = 5000;
        var queue = await RabbitMqBroker.DeclareBoundQueueAsync(_exchange, "load.test");
        using var first = MessagingHost.Create(_database, _exchange, relay: false);
        using var second = MessagingHost.Create(_database, _exchange, relay: false);
        await InsertRowsAsync(first.Services, "load.test", Rows);

        await Task.WhenAll(RelayUntilEmptyAsync(first.Services), RelayUntilEmptyAsync(second.Services));

        Assert.Equal((uint)Rows, await RabbitMqBroker.MessageCountAsync(queue));
        var received = (await RabbitMqBroker.DrainAsync(queue)).Select(m => Guid.Parse(m.BasicProperties.MessageId!)).ToList();
        Assert.Equal(Rows, received.Count);
        Assert.Equal(Rows, received.Distinct().Count());
        Assert.Equal((await IdsAsync("load.test")).Order(), received.Order());
        await RabbitMqBroker.DeleteAsync(queue, _exchange);
    }

    [Fact]
    public async Task An_unroutable_row_backs_off_is_dead_lettered_and_delivered_after_a_redrive_by_the_command()
    {
        var queue = await RabbitMqBroker.DeclareBoundQueueAsync(_exchange, "nobody.listens.yet");
        using var host = MessagingHost.Create(_database, _exchange, relay: false, new Dictionary<string, string?> { ["Messaging:MaxAttempts"] = "3" });
        var id = (await InsertRowsAsync(host.Services, "poison.test", 1)).Single();
        var processor = host.Services.GetRequiredService<OutboxProcessor>();

        var nextAttempts = new List<DateTimeOffset>();
        var row = await RowAsync(id);
        while (row.Status == OutboxStatus.Pending)
        {
            await Eventually.Until(() => processor.RunOnceAsync(CancellationToken.None), n => n == 1, Deadline, "the row to become due");
            row = await RowAsync(id);
            nextAttempts.Add(row.NextAttemptAt);
        }

        Assert.Equal(OutboxStatus.Dead, row.Status);
        Assert.Equal(3, row.Attempts);
        Assert.Contains("unroutable", row.LastError, StringComparison.Ordinal);
        Assert.True(nextAttempts[1] > nextAttempts[0], "each failure pushes the next attempt later");

        var settings = CommandLineTests.ValidSettings(_database);
        var listed = await CommandLineTests.RunServiceAsync(settings, "outbox", "list-dead");
        Assert.True(listed.ExitCode == 0, listed.Output);
        Assert.Contains(id.ToString(), listed.Output, StringComparison.Ordinal);

        await RabbitMqBroker.BindAsync(queue, _exchange, "poison.test");
        var redriven = await CommandLineTests.RunServiceAsync(settings, "outbox", "redrive", id.ToString());
        Assert.True(redriven.ExitCode == 0, redriven.Output);
        await Eventually.Until(() => processor.RunOnceAsync(CancellationToken.None), n => n == 1, Deadline, "the redriven row to be sent");

        Assert.Equal(OutboxStatus.Published, (await RowAsync(id)).Status);
        var message = Assert.Single(await RabbitMqBroker.DrainAsync(queue));
        Assert.Equal(id.ToString(), message.BasicProperties.MessageId);
        var afterwards = await CommandLineTests.RunServiceAsync(settings, "outbox", "list-dead");
        Assert.Contains("No dead letters.", afterwards.Output, StringComparison.Ordinal);
        await RabbitMqBroker.DeleteAsync(queue, _exchange);
    }

    [Fact]
    public async Task Paydesk_handlers_consume_from_their_queue_and_a_redelivered_event_has_no_second_effect()
    {
        using var host = MessagingHost.Create(
            _database, _exchange, relay: true, configure: s => s.AddSubscription<UserRegisteredData, InboxProbeHandler<UserRegisteredData>>());
        await host.StartAsync();
        await MessagingHost.RegisterUserAsync(host.Services);
        var row = await SingleRowAsync("user.registered");
        await Eventually.Until(() => EffectsAsync(row.Id), n => n == 1, Deadline, "the handler to apply the registration");

        // The broker delivers the same event again (e.g. an ack lost on a dropped connection).
        await host.Services.GetRequiredService<InboxDispatcher>()
            .DispatchAsync(Encoding.UTF8.GetBytes(row.Payload), row.ContentType, CancellationToken.None);
        await host.StopAsync();

        Assert.Equal(1, await EffectsAsync(row.Id));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.InboxRecords.CountAsync(r => r.EventId == row.Id && r.Handler == InboxProbe.HandlerName));
        await using var connection = await RabbitMqBroker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync($"{_exchange}.handlers");
        await channel.ExchangeDeleteAsync(_exchange);
    }

    // Rows another relay holds, or rows not yet due, leave this one with nothing to send: it polls
    // (with a deadline) rather than spinning on the database.
    private static async Task RelayUntilEmptyAsync(IServiceProvider services)
    {
        var processor = services.GetRequiredService<OutboxProcessor>();
        await Eventually.Until(
            async () =>
            {
                while (await processor.RunOnceAsync(CancellationToken.None) > 0)
                {
                }

                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
                return await db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.Pending);
            },
            pending => !pending,
            Deadline,
            "the relays to empty the outbox");
    }

    private static async Task DrainOutboxAsync(IServiceProvider services) => await RelayUntilEmptyAsync(services);

    private static async Task<List<Guid>> InsertRowsAsync(IServiceProvider services, string eventType, int count)
    {
        var writer = services.GetRequiredService<OutboxWriter>();
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, count)
            .Select(i => writer.Create(new IntegrationEventContent(eventType, 1, $"subject-{i}", now, new { sequence = i })))
            .ToList();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        db.OutboxMessages.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    private async Task<int> PendingCountAsync()
    {
        await using var db = _database.CreateContext();
        return await db.OutboxMessages.CountAsync(m => m.Status != OutboxStatus.Published);
    }

    private async Task<int> EffectsAsync(Guid eventId)
    {
        await using var db = _database.CreateContext();
        return await InboxProbe.CountEffectsAsync(db, eventId);
    }

    private async Task<List<Guid>> IdsAsync(string eventType)
    {
        await using var db = _database.CreateContext();
        return await db.OutboxMessages.Where(m => m.EventType == eventType).Select(m => m.Id).ToListAsync();
    }

    private async Task<OutboxMessage> SingleRowAsync(string eventType)
    {
        await using var db = _database.CreateContext();
        return await db.OutboxMessages.SingleAsync(m => m.EventType == eventType);
    }

    private async Task<OutboxMessage> RowAsync(Guid id)
    {
        await using var db = _database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
