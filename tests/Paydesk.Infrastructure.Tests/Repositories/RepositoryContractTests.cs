using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.Tests.Repositories;

/// <summary>
/// What every store must do for the domain, run against SQLite and PostgreSQL alike. Each test
/// works through fresh contexts, as separate requests would.
/// </summary>
public abstract class RepositoryContractTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task A_user_reads_back_with_the_email_as_entered()
    {
        var user = TestData.User($"Mixed.Case-{Guid.NewGuid():N}@Example.COM");
        await SaveAsync(db => new UserRepository(db).Add(user));

        await using var db = fixture.Database.CreateContext();
        var loaded = await new UserRepository(db).GetByIdAsync(user.Id, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(user.Email.Value, loaded.Email.Value);
        Assert.Equal(user.Name, loaded.Name);
        Assert.Equal(user.CreatedAt, loaded.CreatedAt);
    }

    [Fact]
    public async Task Email_is_kept_unique_ignoring_case()
    {
        var email = $"unique-{Guid.NewGuid():N}@example.com";
        await SaveAsync(db => new UserRepository(db).Add(TestData.User(email)));

        await using var db = fixture.Database.CreateContext();
        var users = new UserRepository(db);
        users.Add(TestData.User(email.ToUpperInvariant()));
        var error = await Assert.ThrowsAsync<DuplicateKeyException>(() => UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None));
        Assert.True(error.Concerns("email"), error.Target);
    }

    [Fact]
    public async Task A_payment_for_an_unknown_user_is_a_missing_reference()
    {
        var payment = TestData.SucceededPayment(TestData.User());

        await using var db = fixture.Database.CreateContext();
        new PaymentRepository(db).Add(payment);

        await Assert.ThrowsAsync<MissingReferenceException>(() => UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_payment_read_only_comes_with_its_refunds_and_its_changes_are_never_saved()
    {
        var user = TestData.User();
        var payment = TestData.SucceededPayment(user, amount: 5_000, currency: "EUR");
        TestData.Refund(payment, 1_000, TestData.Noon.AddMinutes(1));
        await SaveAsync(db =>
        {
            new UserRepository(db).Add(user);
            new PaymentRepository(db).Add(payment);
        });

        await using (var db = fixture.Database.CreateContext())
        {
            var loaded = await new PaymentRepository(db).GetByIdReadOnlyAsync(payment.Id, CancellationToken.None);

            Assert.NotNull(loaded);
            Assert.Equal(1_000, Assert.Single(loaded.Refunds).Amount);
            loaded.RequestRefund(RefundId.New(), 500, null, "refund-read-only", TestData.Noon.AddMinutes(2));
            await UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None);
        }

        await using var check = fixture.Database.CreateContext();
        var reloaded = (await new PaymentRepository(check).GetByIdAsync(payment.Id, CancellationToken.None))!;
        Assert.Single(reloaded.Refunds);
        Assert.Equal(1_000, reloaded.AmountRefunded);
    }

    [Fact]
    public async Task A_payment_reads_back_with_its_refunds_and_exact_amounts()
    {
        var user = TestData.User();
        var payment = TestData.SucceededPayment(user, amount: 99_999_999, currency: "BHD");
        TestData.Refund(payment, 1, TestData.Noon.AddMinutes(1));
        await SaveAsync(db =>
        {
            new UserRepository(db).Add(user);
            new PaymentRepository(db).Add(payment);
        });

        await using var db = fixture.Database.CreateContext();
        var loaded = await new PaymentRepository(db).GetByIdAsync(payment.Id, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(99_999_999, loaded.Amount);
        Assert.Equal("BHD", loaded.Currency.Code);
        Assert.Equal(PaymentStatus.PartiallyRefunded, loaded.Status);
        Assert.Equal(1, loaded.AmountRefunded);
        Assert.Equal(payment.CreatedAt, loaded.CreatedAt);
        var refund = Assert.Single(loaded.Refunds);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(1, refund.Amount);
    }

    [Fact]
    public async Task A_refund_added_to_a_loaded_payment_is_inserted()
    {
        var user = TestData.User();
        var payment = TestData.SucceededPayment(user);
        await SaveAsync(db =>
        {
            new UserRepository(db).Add(user);
            new PaymentRepository(db).Add(payment);
        });

        await using (var db = fixture.Database.CreateContext())
        {
            var loaded = (await new PaymentRepository(db).GetByIdAsync(payment.Id, CancellationToken.None))!;
            TestData.Refund(loaded, 1500, TestData.Noon.AddHours(1));
            await UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None);
        }

        await using var check = fixture.Database.CreateContext();
        var reloaded = (await new PaymentRepository(check).GetByIdAsync(payment.Id, CancellationToken.None))!;
        Assert.Equal(PaymentStatus.Refunded, reloaded.Status);
        Assert.Single(reloaded.Refunds);
    }

    [Fact]
    public async Task A_lost_update_of_a_payment_is_refused()
    {
        var user = TestData.User();
        var payment = TestData.SucceededPayment(user);
        await SaveAsync(db =>
        {
            new UserRepository(db).Add(user);
            new PaymentRepository(db).Add(payment);
        });

        await using var first = fixture.Database.CreateContext();
        await using var second = fixture.Database.CreateContext();
        var a = (await new PaymentRepository(first).GetByIdAsync(payment.Id, CancellationToken.None))!;
        var b = (await new PaymentRepository(second).GetByIdAsync(payment.Id, CancellationToken.None))!;
        TestData.Refund(a, 1500, TestData.Noon.AddHours(1));
        TestData.Refund(b, 1500, TestData.Noon.AddHours(1));
        await UnitOfWorks.For(first).SaveChangesAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => UnitOfWorks.For(second).SaveChangesAsync(CancellationToken.None));

        await using var check = fixture.Database.CreateContext();
        var reloaded = (await new PaymentRepository(check).GetByIdAsync(payment.Id, CancellationToken.None))!;
        Assert.Equal(1500, reloaded.AmountRefunded);
        Assert.Single(reloaded.Refunds);
    }

    [Fact]
    public async Task Listing_pages_newest_first_without_gaps_or_repeats_even_with_equal_times()
    {
        var user = TestData.User();
        var payments = Enumerable.Range(0, 7)
            .Select(i => TestData.Payment(user, at: TestData.Noon.AddSeconds(i / 3)))
            .ToList();
        var someoneElse = TestData.User();
        await SaveAsync(db =>
        {
            new UserRepository(db).Add(user);
            new UserRepository(db).Add(someoneElse);
            payments.ForEach(new PaymentRepository(db).Add);
            new PaymentRepository(db).Add(TestData.Payment(someoneElse));
        });

        var seen = new List<PaymentId>();
        PaymentPagePosition? after = null;
        for (var page = 0; page < 10; page++)
        {
            await using var db = fixture.Database.CreateContext();
            var rows = await new PaymentRepository(db).ListByUserAsync(user.Id, after, 3, CancellationToken.None);
            if (rows.Count == 0)
            {
                break;
            }

            seen.AddRange(rows.Select(r => r.Id));
            after = new PaymentPagePosition(rows[^1].CreatedAt, rows[^1].Id);
        }

        Assert.Equal(payments.Count, seen.Count);
        Assert.Equal(payments.Count, seen.Distinct().Count());
        var expectedOrder = payments
            .OrderByDescending(p => p.CreatedAt)
            .ThenByDescending(p => p.Id.Value.ToString(), StringComparer.Ordinal)
            .Select(p => p.Id);
        Assert.Equal(expectedOrder, seen);
    }

    [Fact]
    public async Task An_idempotency_key_is_unique_per_scope_only()
    {
        var key = $"key-{Guid.NewGuid():N}";
        await SaveAsync(db =>
        {
            var records = new IdempotencyRecordRepository(db);
            records.Add(IdempotencyRecord.Start("caller-a", key, "payments.create", "hash", Guid.NewGuid(), TestData.Noon));
            records.Add(IdempotencyRecord.Start("caller-b", key, "payments.create", "hash", Guid.NewGuid(), TestData.Noon));
        });

        await using var db = fixture.Database.CreateContext();
        var repository = new IdempotencyRecordRepository(db);
        Assert.NotNull(await repository.FindAsync("caller-a", key, CancellationToken.None));
        Assert.Null(await repository.FindAsync("caller-c", key, CancellationToken.None));

        repository.Add(IdempotencyRecord.Start("caller-a", key, "payments.create", "other", Guid.NewGuid(), TestData.Noon));
        var error = await Assert.ThrowsAsync<DuplicateKeyException>(() => UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None));
        Assert.True(error.Concerns("idempotency"), error.Target);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task A_completed_idempotency_record_keeps_its_response()
    {
        var key = $"key-{Guid.NewGuid():N}";
        var record = IdempotencyRecord.Start("caller", key, "payments.create", "hash", Guid.NewGuid(), TestData.Noon);
        await SaveAsync(db => new IdempotencyRecordRepository(db).Add(record));

        await using (var db = fixture.Database.CreateContext())
        {
            var loaded = (await new IdempotencyRecordRepository(db).FindAsync("caller", key, CancellationToken.None))!;
            loaded.Complete("Completed", "{\"id\":1}", TestData.Noon.AddSeconds(1));
            await UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None);
        }

        await using var check = fixture.Database.CreateContext();
        var reloaded = (await new IdempotencyRecordRepository(check).FindAsync("caller", key, CancellationToken.None))!;
        Assert.Equal("Completed", reloaded.Outcome);
        Assert.Equal("{\"id\":1}", reloaded.ResponseBody);
    }

    private async Task SaveAsync(Action<PaydeskDbContext> arrange)
    {
        await using var db = fixture.Database.CreateContext();
        arrange(db);
        await UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None);
    }
}

public sealed class SqliteRepositoryTests(SqliteFixture fixture) : RepositoryContractTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresRepositoryTests(PostgresFixture fixture) : RepositoryContractTests(fixture), IClassFixture<PostgresFixture>;
