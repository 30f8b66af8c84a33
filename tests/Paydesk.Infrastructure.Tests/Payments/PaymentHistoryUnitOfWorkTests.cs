using Microsoft.EntityFrameworkCore;
using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.Tests.Payments;

/// <summary>History rows are written in the commit of the change they record, once, with the scope's origin, and never changed.</summary>
public abstract class PaymentHistoryUnitOfWorkTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task A_commit_writes_one_row_per_transition_with_the_origin_of_its_scope()
    {
        var origin = new ChangeOrigin();
        origin.Set(ChangeCause.Dashboard, "Grace Hopper");
        await using var db = fixture.Database.CreateContext();
        var user = TestData.User();
        var payment = TestData.SucceededPayment(user, amount: 2000);
        TestData.Refund(payment, 500, TestData.Noon);
        db.Users.Add(user);
        db.Payments.Add(payment);

        await UnitOfWorks.For(db, origin).SaveChangesAsync(CancellationToken.None);

        var rows = await RowsAsync(payment.Id);
        (string, string?, string, long?)[] expected =
        [
            ("payment", null, "pending", null),
            ("payment", "pending", "succeeded", 2000),
            ("refund", null, "pending", 500),
            ("refund", "pending", "succeeded", 500),
            ("payment", "succeeded", "partially_refunded", 500),
        ];
        Assert.Equal(expected, rows.Select(r => (r.SubjectType, r.FromStatus, r.ToStatus, r.Amount)));
        Assert.All(rows, r => Assert.Equal(("dashboard", "Grace Hopper"), (r.Cause, r.Actor)));
        Assert.Empty(payment.Transitions);
    }

    [Fact]
    public async Task A_failed_commit_writes_no_row_and_its_retry_writes_each_once()
    {
        var user = TestData.User();
        await using (var seed = fixture.Database.CreateContext())
        {
            seed.Users.Add(user);
            await UnitOfWorks.For(seed).SaveChangesAsync(CancellationToken.None);
        }

        await using var db = fixture.Database.CreateContext();
        var payment = TestData.Payment(user);
        db.Payments.Add(payment);
        var unitOfWork = UnitOfWorks.For(db);
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unitOfWork.SaveChangesAsync(canceled.Token));
        Assert.Empty(await RowsAsync(payment.Id));
        await unitOfWork.SaveChangesAsync(CancellationToken.None);

        var row = Assert.Single(await RowsAsync(payment.Id));
        Assert.Null(row.FromStatus);
        Assert.Equal(("pending", "system"), (row.ToStatus, row.Cause));
    }

    [Fact]
    public async Task A_commit_lost_to_a_concurrent_change_writes_no_row()
    {
        var user = TestData.User();
        var payment = TestData.Payment(user);
        await using (var seed = fixture.Database.CreateContext())
        {
            seed.Users.Add(user);
            seed.Payments.Add(payment);
            await UnitOfWorks.For(seed).SaveChangesAsync(CancellationToken.None);
        }

        await using var first = fixture.Database.CreateContext();
        await using var second = fixture.Database.CreateContext();
        var winner = (await new PaymentRepository(first).GetByIdAsync(payment.Id, CancellationToken.None))!;
        var loser = (await new PaymentRepository(second).GetByIdAsync(payment.Id, CancellationToken.None))!;
        winner.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, "pi_winner"), TestData.Noon, OutcomeRule.Strict);
        loser.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Failed, "pi_loser"), TestData.Noon, OutcomeRule.Strict);
        await UnitOfWorks.For(first).SaveChangesAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => UnitOfWorks.For(second).SaveChangesAsync(CancellationToken.None));

        Assert.Equal(["pending", "succeeded"], (await RowsAsync(payment.Id)).Select(r => r.ToStatus));
    }

    [Fact]
    public async Task A_written_row_is_never_removed()
    {
        var user = TestData.User();
        var payment = TestData.Payment(user);
        await using (var seed = fixture.Database.CreateContext())
        {
            seed.Users.Add(user);
            seed.Payments.Add(payment);
            await UnitOfWorks.For(seed).SaveChangesAsync(CancellationToken.None);
        }

        await using var db = fixture.Database.CreateContext();
        db.PaymentHistory.Remove(await db.PaymentHistory.SingleAsync(r => r.PaymentId == payment.Id));

        await Assert.ThrowsAsync<InvalidOperationException>(() => UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None));
        Assert.Single(await RowsAsync(payment.Id));
    }

    private async Task<List<PaymentHistoryEntry>> RowsAsync(PaymentId paymentId)
    {
        await using var db = fixture.Database.CreateContext();
        return await db.PaymentHistory.AsNoTracking().Where(r => r.PaymentId == paymentId).OrderBy(r => r.Version).ThenBy(r => r.Step).ToListAsync();
    }
}

public sealed class SqlitePaymentHistoryUnitOfWorkTests(SqliteFixture fixture) : PaymentHistoryUnitOfWorkTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresPaymentHistoryUnitOfWorkTests(PostgresFixture fixture) : PaymentHistoryUnitOfWorkTests(fixture), IClassFixture<PostgresFixture>;
