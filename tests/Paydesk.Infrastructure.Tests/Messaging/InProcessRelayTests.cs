using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Common;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using Paydesk.Infrastructure.External.Messaging.Outbox;
using Paydesk.Infrastructure.External.Messaging.Relay;
using Paydesk.TestSupport;

namespace Paydesk.Infrastructure.Tests.Messaging;

/// <summary>The relay with the InProcess transport: Paydesk's handlers, the inbox, and the SQLite lease.</summary>
public abstract class InProcessRelayTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task The_relay_delivers_each_row_to_the_handlers_and_marks_it_published()
    {
        await using var services = Services(fixture.Database);
        var user = await RegisterAsync(services);

        while (await services.GetRequiredService<OutboxProcessor>().RunOnceAsync(CancellationToken.None) > 0)
        {
        }

        await using var db = fixture.Database.CreateContext();
        var row = await db.OutboxMessages.SingleAsync(m => m.Subject == user.Id.ToString());
        Assert.Equal(OutboxStatus.Published, row.Status);
        Assert.True(await db.InboxRecords.AnyAsync(r => r.EventId == row.Id && r.Handler == InboxProbe.HandlerName));
        Assert.Equal(1, await InboxProbe.CountEffectsAsync(db, row.Id));
    }

    [Fact]
    public async Task The_same_event_delivered_twice_has_one_effect()
    {
        await using var services = Services(fixture.Database);
        var dispatcher = services.GetRequiredService<InboxDispatcher>();
        var integrationEvent = TestEvent();

        await dispatcher.DispatchAsync(integrationEvent, CancellationToken.None);
        await dispatcher.DispatchAsync(integrationEvent, CancellationToken.None);

        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, await InboxProbe.CountEffectsAsync(db, integrationEvent.Id));
        Assert.Equal(1, await db.InboxRecords.CountAsync(r => r.EventId == integrationEvent.Id));
    }

    /// <summary>A new event of the test-only type, which the probe handler is subscribed to.</summary>
    internal static ReceivedIntegrationEvent TestEvent(DateTimeOffset? time = null) =>
        new(Guid.CreateVersion7(), InboxTestData.EventType, "subject", time ?? TestData.Noon, JsonSerializer.SerializeToElement(new InboxTestData("test"), JsonSerializerOptions.Web));

    /// <summary>
    /// Infrastructure with the InProcess transport and the probe handler subscribed to
    /// <c>user.registered</c> and to the test-only event type; <paramref name="configure"/> may replace it.
    /// </summary>
    internal static ServiceProvider Services(TestDatabase database, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Paydesk"] = database.ConnectionString,
            ["Database:MaxPoolSize"] = "10",
            ["Database:CommandTimeoutSeconds"] = "30",
            ["Database:MaxRetryCount"] = "3",
            ["Messaging:Transport"] = "InProcess",
            ["Messaging:RelayEnabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddInfrastructure();
        services.AddSubscription<UserRegisteredData, InboxProbeHandler<UserRegisteredData>>();
        services.AddSubscription<InboxTestData, InboxProbeHandler<InboxTestData>>();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private static async Task<Domain.Users.User> RegisterAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var user = TestData.User();
        scope.ServiceProvider.GetRequiredService<Domain.Users.IUserRepository>().Add(user);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return user;
    }
}

public sealed class SqliteInProcessRelayTests(SqliteFixture fixture) : InProcessRelayTests(fixture), IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task On_sqlite_only_the_lease_holder_relays()
    {
        // A database of its own: the class's other tests leave leases of their own relays behind.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using var first = Services(database);
        await using var second = Services(database);
        await using (var scope = first.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Domain.Users.IUserRepository>().Add(TestData.User());
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        var holder = first.GetRequiredService<OutboxProcessor>();
        var other = second.GetRequiredService<OutboxProcessor>();
        while (await holder.RunOnceAsync(CancellationToken.None) > 0)
        {
        }

        await using (var scope = first.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Domain.Users.IUserRepository>().Add(TestData.User());
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        Assert.Equal(0, await other.RunOnceAsync(CancellationToken.None));
        await holder.ReleaseLeaseAsync(CancellationToken.None);
        Assert.Equal(1, await other.RunOnceAsync(CancellationToken.None));
    }
}

public sealed class PostgresInProcessRelayTests(PostgresFixture fixture) : InProcessRelayTests(fixture), IClassFixture<PostgresFixture>;
