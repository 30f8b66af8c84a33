using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Infrastructure.Tests.Messaging;

/// <summary>Integration events become outbox rows in the same commit as their change, on both providers.</summary>
public abstract class OutboxUnitOfWorkTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task Registering_a_user_writes_one_user_registered_row_in_the_same_commit()
    {
        await using var db = fixture.Database.CreateContext();
        var user = TestData.User();
        db.Users.Add(user);

        await UnitOfWork(db).SaveChangesAsync(CancellationToken.None);

        var row = await SingleRowAsync(user.Id.ToString());
        Assert.Equal("user.registered", row.EventType);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Empty(user.DomainEvents);
        var cloudEvent = CloudEventEnvelope.Decode(Encoding.UTF8.GetBytes(row.Payload), row.ContentType);
        Assert.Equal(row.Id.ToString(), cloudEvent.Id);
        Assert.Equal("com.paydesk.user.registered", cloudEvent.Type);
        Assert.Equal(user.Id.ToString(), cloudEvent.Subject);
        var data = InboxDispatcher.ToReceivedEvent(cloudEvent).Data;
        Assert.Equal(user.Email.Value, data.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_commit_that_fails_writes_no_outbox_row()
    {
        var email = $"twice-{Guid.NewGuid():N}@example.com";
        await using (var db = fixture.Database.CreateContext())
        {
            db.Users.Add(TestData.User(email));
            await UnitOfWork(db).SaveChangesAsync(CancellationToken.None);
        }

        var duplicate = TestData.User(email);
        await using (var db = fixture.Database.CreateContext())
        {
            db.Users.Add(duplicate);
            await Assert.ThrowsAsync<DuplicateKeyException>(() => UnitOfWork(db).SaveChangesAsync(CancellationToken.None));
        }

        await using var check = fixture.Database.CreateContext();
        Assert.False(await check.OutboxMessages.AnyAsync(m => m.Subject == duplicate.Id.ToString()));
    }

    [Fact]
    public async Task A_refund_event_carries_the_refund_and_the_new_totals()
    {
        await using var db = fixture.Database.CreateContext();
        var user = TestData.User();
        var payment = TestData.SucceededPayment(user, amount: 2000);
        var refund = TestData.Refund(payment, 500, TestData.Noon);
        db.Users.Add(user);
        db.Payments.Add(payment);

        await UnitOfWork(db).SaveChangesAsync(CancellationToken.None);

        await using var check = fixture.Database.CreateContext();
        var types = await check.OutboxMessages.Where(m => m.Subject == payment.Id.ToString()).Select(m => m.EventType).ToListAsync();
        Assert.Equal(["payment.refunded", "payment.succeeded"], types.Order());
        var row = await check.OutboxMessages.SingleAsync(m => m.Subject == payment.Id.ToString() && m.EventType == "payment.refunded");
        var data = JsonDocument.Parse(row.Payload).RootElement.GetProperty("data");
        Assert.Equal(refund.Id.Value, data.GetProperty("refund").GetProperty("refundId").GetGuid());
        Assert.Equal(500, data.GetProperty("refund").GetProperty("amount").GetInt64());
        Assert.Equal(500, data.GetProperty("amountRefunded").GetInt64());
        Assert.Equal(1500, data.GetProperty("amountRemaining").GetInt64());
        Assert.Equal("partially_refunded", data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Failed_and_requires_action_payments_write_their_events()
    {
        await using var db = fixture.Database.CreateContext();
        var user = TestData.User();
        var failed = TestData.FailedPayment(user);
        var pending = TestData.Payment(user);
        pending.Apply(new GatewayChargeOutcome(GatewayChargeStatus.RequiresAction, $"pi_{Guid.NewGuid():N}"), TestData.Noon, OutcomeRule.Strict);
        db.Users.Add(user);
        db.Payments.AddRange(failed, pending);

        await UnitOfWork(db).SaveChangesAsync(CancellationToken.None);

        Assert.Equal("payment.failed", (await SingleRowAsync(failed.Id.ToString())).EventType);
        Assert.Equal("payment.requires_action", (await SingleRowAsync(pending.Id.ToString())).EventType);
    }

    private static UnitOfWork UnitOfWork(PaydeskDbContext db) => UnitOfWorks.For(db);

    private async Task<OutboxMessage> SingleRowAsync(string subject)
    {
        await using var db = fixture.Database.CreateContext();
        return await db.OutboxMessages.SingleAsync(m => m.Subject == subject);
    }
}

public sealed class SqliteOutboxUnitOfWorkTests(SqliteFixture fixture) : OutboxUnitOfWorkTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresOutboxUnitOfWorkTests(PostgresFixture fixture) : OutboxUnitOfWorkTests(fixture), IClassFixture<PostgresFixture>;
