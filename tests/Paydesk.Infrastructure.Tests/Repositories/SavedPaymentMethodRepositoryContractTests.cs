using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.Tests.Repositories;

/// <summary>Saved methods and the user's gateway customer and default, on SQLite and PostgreSQL alike.</summary>
public abstract class SavedPaymentMethodRepositoryContractTests(DatabaseFixture fixture)
{
    private static readonly CardSummary Visa = CardSummary.Create("visa", "4242", 12, 2034);

    [Fact]
    public async Task A_saved_method_reads_back_with_its_card_summary_and_the_users_default()
    {
        var user = TestData.User();
        var method = SavedPaymentMethod.Save(NewMethodId(), user.Id, Visa, TestData.Noon);
        user.LinkGatewayCustomer($"cus_{NewMethodId()[3..]}");
        user.MakeDefault(method);
        await SaveAsync(db =>
        {
            new UserRepository(db).Add(user);
            new SavedPaymentMethodRepository(db).Add(method);
        });

        await using var check = fixture.Database.CreateContext();
        var loaded = await new SavedPaymentMethodRepository(check).GetByIdReadOnlyAsync(method.Id, CancellationToken.None);
        var owner = await new UserRepository(check).GetByGatewayCustomerIdAsync(user.GatewayCustomerId!, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal((user.Id, Visa, TestData.Noon), (loaded.UserId, loaded.Card, loaded.CreatedAt));
        Assert.NotNull(owner);
        Assert.Equal((user.Id, method.Id), (owner.Id, owner.DefaultPaymentMethodId));
    }

    [Fact]
    public async Task Only_the_users_attached_methods_are_listed_oldest_first()
    {
        var user = TestData.User();
        var other = TestData.User();
        var newer = SavedPaymentMethod.Save(NewMethodId(), user.Id, Visa, TestData.Noon.AddMinutes(2));
        var older = SavedPaymentMethod.Save(NewMethodId(), user.Id, Visa, TestData.Noon);
        var detached = SavedPaymentMethod.Save(NewMethodId(), user.Id, Visa, TestData.Noon.AddMinutes(1));
        detached.Detach(TestData.Noon.AddMinutes(3));
        var theirs = SavedPaymentMethod.Save(NewMethodId(), other.Id, Visa, TestData.Noon);
        await SaveAsync(db =>
        {
            new UserRepository(db).Add(user);
            new UserRepository(db).Add(other);
            var methods = new SavedPaymentMethodRepository(db);
            methods.Add(newer);
            methods.Add(older);
            methods.Add(detached);
            methods.Add(theirs);
        });

        await using var check = fixture.Database.CreateContext();
        var listed = await new SavedPaymentMethodRepository(check).ListAttachedByUserAsync(user.Id, CancellationToken.None);

        Assert.Equal([older.Id, newer.Id], listed.Select(m => m.Id));
    }

    [Fact]
    public async Task A_method_for_an_unknown_user_is_a_missing_reference()
    {
        await using var db = fixture.Database.CreateContext();
        new SavedPaymentMethodRepository(db).Add(SavedPaymentMethod.Save(NewMethodId(), UserId.New(), Visa, TestData.Noon));

        await Assert.ThrowsAsync<MissingReferenceException>(() => UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_same_method_saved_twice_is_a_duplicate_key()
    {
        var user = TestData.User();
        var id = NewMethodId();
        await SaveAsync(db =>
        {
            new UserRepository(db).Add(user);
            new SavedPaymentMethodRepository(db).Add(SavedPaymentMethod.Save(id, user.Id, Visa, TestData.Noon));
        });

        await using var db = fixture.Database.CreateContext();
        new SavedPaymentMethodRepository(db).Add(SavedPaymentMethod.Save(id, user.Id, Visa, TestData.Noon));

        await Assert.ThrowsAsync<DuplicateKeyException>(() => UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Of_two_concurrent_links_of_a_gateway_customer_the_second_is_a_concurrency_conflict()
    {
        var user = TestData.User();
        await SaveAsync(db => new UserRepository(db).Add(user));
        await using var first = fixture.Database.CreateContext();
        await using var second = fixture.Database.CreateContext();
        var firstUser = (await new UserRepository(first).GetByIdAsync(user.Id, CancellationToken.None))!;
        var secondUser = (await new UserRepository(second).GetByIdAsync(user.Id, CancellationToken.None))!;

        firstUser.LinkGatewayCustomer("cus_first");
        await UnitOfWorks.For(first).SaveChangesAsync(CancellationToken.None);
        secondUser.LinkGatewayCustomer("cus_second");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => UnitOfWorks.For(second).SaveChangesAsync(CancellationToken.None));
        await using var check = fixture.Database.CreateContext();
        Assert.Equal("cus_first", (await new UserRepository(check).GetByIdReadOnlyAsync(user.Id, CancellationToken.None))!.GatewayCustomerId);
    }

    [Fact]
    public async Task A_gateway_customer_belongs_to_one_user()
    {
        var customer = $"cus_{NewMethodId()[3..]}";
        var first = TestData.User();
        first.LinkGatewayCustomer(customer);
        await SaveAsync(db => new UserRepository(db).Add(first));
        var second = TestData.User();
        second.LinkGatewayCustomer(customer);

        await using var db = fixture.Database.CreateContext();
        new UserRepository(db).Add(second);

        var error = await Assert.ThrowsAsync<DuplicateKeyException>(() => UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None));
        Assert.True(error.Concerns("gateway_customer"), error.Target);
    }

    // Random letters only: a hex id could hold a dozen digits in a row, which a payment-method id must not.
    private static string NewMethodId() =>
        "pm_" + string.Concat(Guid.NewGuid().ToString("N").Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c));

    private async Task SaveAsync(Action<PaydeskDbContext> arrange)
    {
        await using var db = fixture.Database.CreateContext();
        arrange(db);
        await UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None);
    }
}

public sealed class SqliteSavedPaymentMethodRepositoryTests(SqliteFixture fixture) : SavedPaymentMethodRepositoryContractTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresSavedPaymentMethodRepositoryTests(PostgresFixture fixture) : SavedPaymentMethodRepositoryContractTests(fixture), IClassFixture<PostgresFixture>;
