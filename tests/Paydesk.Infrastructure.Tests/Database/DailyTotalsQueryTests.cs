using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.Database.Queries;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.Tests.Database;

public abstract class DailyTotalsQueryTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task Totals_are_grouped_by_utc_day_and_currency_with_refunds_on_their_own_day()
    {
        // Each test owns a distinct range of days, so tests sharing the database do not meet.
        var day1 = new DateTimeOffset(2024, 1, 10, 0, 0, 0, TimeSpan.Zero);
        var day2 = day1.AddDays(1);
        var user = TestData.User();
        var usdEarly = TestData.SucceededPayment(user, 1000, "USD", day1.AddMinutes(1));
        var usdLate = TestData.SucceededPayment(user, 500, "USD", day1.AddHours(23).AddMinutes(59));
        var declined = TestData.FailedPayment(user, 700, "USD", day1.AddHours(5));
        var yen = TestData.SucceededPayment(user, 1500, "JPY", day1.AddHours(3));
        var pending = TestData.Payment(user, 999, "USD", day1.AddHours(4));
        TestData.Refund(usdEarly, 300, day2.AddHours(1));
        var outside = TestData.SucceededPayment(user, 5000, "USD", day2.AddDays(5));
        await SaveAsync(db =>
        {
            new UserRepository(db).Add(user);
            var payments = new PaymentRepository(db);
            foreach (var payment in new[] { usdEarly, usdLate, declined, yen, pending, outside })
            {
                payments.Add(payment);
            }
        });

        await using var context = fixture.Database.CreateContext();
        var rows = await new DailyTotalsQuery(context).GetAsync(DateOnly.FromDateTime(day1.UtcDateTime), DateOnly.FromDateTime(day2.UtcDateTime), CancellationToken.None);

        var day1Date = DateOnly.FromDateTime(day1.UtcDateTime);
        var day2Date = DateOnly.FromDateTime(day2.UtcDateTime);
        Assert.Equal(
            [
                new DailyTotal(day1Date, "JPY", 1, 0, 1500, 0, 1500),
                new DailyTotal(day1Date, "USD", 2, 1, 1500, 0, 1500),
                new DailyTotal(day2Date, "USD", 0, 0, 0, 300, -300),
            ],
            rows);
    }

    [Fact]
    public async Task A_range_without_payments_has_no_rows()
    {
        await using var context = fixture.Database.CreateContext();

        var rows = await new DailyTotalsQuery(context).GetAsync(new DateOnly(1999, 1, 1), new DateOnly(1999, 12, 31), CancellationToken.None);

        Assert.Empty(rows);
    }

    private async Task SaveAsync(Action<PaydeskDbContext> arrange)
    {
        await using var db = fixture.Database.CreateContext();
        arrange(db);
        await UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None);
    }
}

public sealed class SqliteDailyTotalsQueryTests(SqliteFixture fixture) : DailyTotalsQueryTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresDailyTotalsQueryTests(PostgresFixture fixture) : DailyTotalsQueryTests(fixture), IClassFixture<PostgresFixture>;
