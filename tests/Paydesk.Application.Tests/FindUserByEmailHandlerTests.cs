using FluentValidation;
using Paydesk.Application.Common;
using Paydesk.Application.Users;

namespace Paydesk.Application.Tests;

public sealed class FindUserByEmailHandlerTests
{
    private readonly InMemoryUserRepository _users = new();

    private Task<UserResponse> FindAsync(string? email) =>
        new FindUserByEmailHandler(_users).HandleAsync(email, CancellationToken.None);

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("ALICE@Example.COM")]
    [InlineData("  alice@example.com ")]
    public async Task The_user_is_found_by_email_ignoring_case_and_surrounding_spaces(string typed)
    {
        var alice = Users.Alice();
        _users.Seed(alice);

        var found = await FindAsync(typed);

        Assert.Equal(alice.Id.Value, found.Id);
        Assert.Equal("alice@example.com", found.Email);
    }

    [Fact]
    public async Task An_unknown_email_is_user_not_found()
    {
        _users.Seed(Users.Alice());

        var error = await Assert.ThrowsAsync<NotFoundException>(() => FindAsync("bob@example.com"));

        Assert.Equal("user_not_found", error.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("alice@@example.com")]
    public async Task A_malformed_email_is_reported_on_email(string? typed)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => FindAsync(typed));

        Assert.Equal("email", Assert.Single(error.Errors).PropertyName);
    }
}
