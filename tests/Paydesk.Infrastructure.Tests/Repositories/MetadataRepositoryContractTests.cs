using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.Tests.Repositories;

/// <summary>Metadata stored and read back, and payments found by one key's value, on SQLite and PostgreSQL alike.</summary>
public abstract class MetadataRepositoryContractTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task Users_payments_and_refunds_read_back_with_their_metadata()
    {
        var metadata = Tags(("order_id", "1001"), ("Note", "ünïcode ✓ \"quoted\""));
        var user = User.Register(UserId.New(), Email.Create($"tagged-{Guid.NewGuid():N}@example.com"), "Tagged", TestData.Noon, metadata);
        var payment = Tagged(user, metadata, TestData.Noon);
        payment.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, $"pi_{Guid.NewGuid():N}"), TestData.Noon, OutcomeRule.Strict);
        var refund = payment.RequestRefund(RefundId.New(), 100, null, $"refund_{Guid.NewGuid():N}", TestData.Noon, Tags(("return_id", "R-7")));
        var plain = TestData.Payment(user);
        await SaveAsync(db =>
        {
            new UserRepository(db).Add(user);
            new PaymentRepository(db).Add(payment);
            new PaymentRepository(db).Add(plain);
        });

        await using var check = fixture.Database.CreateContext();
        var loadedUser = (await new UserRepository(check).GetByIdAsync(user.Id, CancellationToken.None))!;
        var loaded = (await new PaymentRepository(check).GetByIdReadOnlyAsync(payment.Id, CancellationToken.None))!;
        var loadedPlain = (await new PaymentRepository(check).GetByIdAsync(plain.Id, CancellationToken.None))!;
        Assert.Equal(metadata, loadedUser.Metadata);
        Assert.Equal(metadata, loaded.Metadata);
        Assert.Equal(refund.Metadata, Assert.Single(loaded.Refunds).Metadata);
        Assert.Same(Metadata.Empty, loadedPlain.Metadata);
    }

    [Fact]
    public async Task Payments_are_found_by_one_keys_exact_value_newest_first_in_pages()
    {
        var user = TestData.User();
        var order = $"order-{Guid.NewGuid():N}";
        var matching = Enumerable.Range(0, 5)
            .Select(i => Tagged(user, Tags(("order_id", order), ("extra", $"{i}")), TestData.Noon.AddSeconds(i / 2)))
            .ToList();
        var others = new[]
        {
            Tagged(user, Tags(("order_id", order.ToUpperInvariant())), TestData.Noon),
            Tagged(user, Tags(("Order_id", order)), TestData.Noon),
            Tagged(user, Tags(("other_key", order)), TestData.Noon),
            Tagged(user, Tags(("order_id", order + "-2")), TestData.Noon),
            TestData.Payment(user),
        };
        await SaveAsync(db =>
        {
            new UserRepository(db).Add(user);
            matching.Concat(others).ToList().ForEach(new PaymentRepository(db).Add);
        });

        var seen = new List<Payment>();
        PaymentPagePosition? after = null;
        for (var page = 0; page < 10; page++)
        {
            await using var db = fixture.Database.CreateContext();
            var rows = await new PaymentRepository(db).ListByMetadataAsync("order_id", order, after, 2, CancellationToken.None);
            if (rows.Count == 0)
            {
                break;
            }

            seen.AddRange(rows);
            after = new PaymentPagePosition(rows[^1].CreatedAt, rows[^1].Id);
        }

        var expectedOrder = matching
            .OrderByDescending(p => p.CreatedAt)
            .ThenByDescending(p => p.Id.Value.ToString(), StringComparer.Ordinal)
            .Select(p => p.Id);
        Assert.Equal(expectedOrder, seen.Select(p => p.Id));
        Assert.All(seen, p => Assert.Equal(order, p.Metadata.Entries["order_id"]));
    }

    [Fact]
    public async Task No_payment_has_an_unknown_value()
    {
        await using var db = fixture.Database.CreateContext();

        var rows = await new PaymentRepository(db).ListByMetadataAsync("order_id", $"none-{Guid.NewGuid():N}", null, 10, CancellationToken.None);

        Assert.Empty(rows);
    }

    private static Metadata Tags(params (string Key, string Value)[] entries) =>
        Metadata.Create(entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));

    private static Payment Tagged(User user, Metadata metadata, DateTimeOffset at)
    {
        var id = PaymentId.New();
        return Payment.Create(id, user.Id, Money.Positive(1500, Currency.FromCode("USD")), ChargeMethod.OneOff("pm_card_visa"), null, $"charge_{id.Value:N}", at, metadata: metadata);
    }

    private async Task SaveAsync(Action<PaydeskDbContext> arrange)
    {
        await using var db = fixture.Database.CreateContext();
        arrange(db);
        await UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None);
    }
}

public sealed class SqliteMetadataRepositoryTests(SqliteFixture fixture) : MetadataRepositoryContractTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresMetadataRepositoryTests(PostgresFixture fixture) : MetadataRepositoryContractTests(fixture), IClassFixture<PostgresFixture>;
