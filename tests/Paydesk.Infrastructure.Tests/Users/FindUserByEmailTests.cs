using Paydesk.Application.Common;
using Paydesk.Application.Users;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.Tests.Users;

/// <summary>Finding a user by email through the real store, on SQLite and PostgreSQL alike.</summary>
public abstract class FindUserByEmailTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task A_user_is_found_by_email_in_any_case()
    {
        var user = TestData.User($"Mixed.Case-{Guid.NewGuid():N}@Example.COM");
        await using (var db = fixture.Database.CreateContext())
        {
            new UserRepository(db).Add(user);
            await UnitOfWorks.For(db).SaveChangesAsync(CancellationToken.None);
        }

        await using var read = fixture.Database.CreateContext();
        var found = await new FindUserByEmailHandler(new UserRepository(read)).HandleAsync(user.Email.Value.ToUpperInvariant(), CancellationToken.None);

        Assert.Equal(user.Id.Value, found.Id);
        Assert.Equal(user.Email.Value, found.Email);
    }

    [Fact]
    public async Task An_email_nobody_registered_is_not_found()
    {
        await using var db = fixture.Database.CreateContext();

        var error = await Assert.ThrowsAsync<NotFoundException>(() =>
            new FindUserByEmailHandler(new UserRepository(db)).HandleAsync($"nobody-{Guid.NewGuid():N}@example.com", CancellationToken.None));

        Assert.Equal("user_not_found", error.Code);
    }
}

public sealed class SqliteFindUserByEmailTests(SqliteFixture fixture) : FindUserByEmailTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresFindUserByEmailTests(PostgresFixture fixture) : FindUserByEmailTests(fixture), IClassFixture<PostgresFixture>;
