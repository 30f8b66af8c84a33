using Paydesk.Application.Payments;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.Tests.Payments;

/// <summary>A payment's refunds read back through the real store, on SQLite and PostgreSQL alike.</summary>
public abstract class ListPaymentRefundsTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task The_refunds_come_oldest_first_with_what_remains_refundable()
    {
        var user = TestData.User();
        var payment = TestData.SucceededPayment(user, amount: 5_000, currency: "EUR");
        TestData.Refund(payment, 1_000, TestData.Noon.AddMinutes(1));
        TestData.Refund(payment, 1_500, TestData.Noon.AddMinutes(2));
        await using (var db = fixture.Database.CreateContext())
        {
            new UserRepository(db).Add(user);
            new PaymentRepository(db).Add(payment);
            await UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None);
        }

        await using var read = fixture.Database.CreateContext();
        var refunds = await new ListPaymentRefundsHandler(new PaymentRepository(read)).HandleAsync(payment.Id.Value, CancellationToken.None);

        Assert.Equal([1_000L, 1_500L], refunds.Data.Select(r => r.Amount));
        Assert.All(refunds.Data, r => Assert.Equal("EUR", r.Currency));
        Assert.Equal(2_500, refunds.Refundable);
    }
}

public sealed class SqliteListPaymentRefundsTests(SqliteFixture fixture) : ListPaymentRefundsTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresListPaymentRefundsTests(PostgresFixture fixture) : ListPaymentRefundsTests(fixture), IClassFixture<PostgresFixture>;
