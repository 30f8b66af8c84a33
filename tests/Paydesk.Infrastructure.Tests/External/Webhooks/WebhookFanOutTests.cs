using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Common;
using Paydesk.Domain.WebhookEndpoints;

namespace Paydesk.Infrastructure.Tests.External.Webhooks;

/// <summary>Webhook deliveries are written in the commit that writes their event, on both providers.</summary>
public abstract class WebhookFanOutTests(DatabaseFixture fixture)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_commit_writes_a_delivery_for_each_enabled_endpoint_that_wants_its_event()
    {
        var all = Endpoint("*");
        var users = Endpoint("user.*");
        var payments = Endpoint("payment.*");
        var disabled = Endpoint("*");
        disabled.Change(null, null, null, enabled: false, Now);
        await using (var setup = fixture.Database.CreateContext())
        {
            setup.WebhookEndpoints.AddRange(all, users, payments, disabled);
            await setup.SaveChangesAsync();
        }

        await using var db = fixture.Database.CreateContext();
        var user = TestData.User();
        db.Users.Add(user);
        await UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None);

        await using var check = fixture.Database.CreateContext();
        var eventId = await check.OutboxMessages.Where(m => m.Subject == user.Id.ToString()).Select(m => m.Id).SingleAsync();
        var targets = await check.WebhookDeliveries.Where(d => d.EventId == eventId).Select(d => d.EndpointId).ToListAsync();
        // The class's database also holds the other tests' endpoints: only this test's are looked at.
        Assert.Contains(all.Id, targets);
        Assert.Contains(users.Id, targets);
        Assert.DoesNotContain(payments.Id, targets);
        Assert.DoesNotContain(disabled.Id, targets);
        Assert.Equal(targets.Count, targets.Distinct().Count());
        Assert.All(await check.WebhookDeliveries.Where(d => d.EventId == eventId).ToListAsync(), d => Assert.Equal(WebhookDeliveryStatus.Pending, d.Status));
    }

    [Fact]
    public async Task A_commit_that_fails_writes_no_delivery()
    {
        await using (var setup = fixture.Database.CreateContext())
        {
            setup.WebhookEndpoints.Add(Endpoint("*"));
            await setup.SaveChangesAsync();
        }

        var email = $"twice-{Guid.NewGuid():N}@example.com";
        await using (var db = fixture.Database.CreateContext())
        {
            db.Users.Add(TestData.User(email));
            await UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None);
        }

        var deliveriesBefore = await CountAsync();
        await using (var db = fixture.Database.CreateContext())
        {
            db.Users.Add(TestData.User(email));
            await Assert.ThrowsAsync<DuplicateKeyException>(() => UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None));
        }

        Assert.Equal(deliveriesBefore, await CountAsync());
    }

    private static WebhookEndpoint Endpoint(string pattern) =>
        WebhookEndpoint.Create(new Uri("https://example.com/hook"), [pattern], null, WebhookSecret.New(), Now);

    private async Task<int> CountAsync()
    {
        await using var db = fixture.Database.CreateContext();
        return await db.WebhookDeliveries.CountAsync();
    }
}

public sealed class SqliteWebhookFanOutTests(SqliteFixture fixture) : WebhookFanOutTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresWebhookFanOutTests(PostgresFixture fixture) : WebhookFanOutTests(fixture), IClassFixture<PostgresFixture>;
