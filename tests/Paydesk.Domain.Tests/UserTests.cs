using Paydesk.Domain.Common;
using Paydesk.Domain.Users;

namespace Paydesk.Domain.Tests;

public sealed class UserTests
{
    private static User Register(string name = "Alice Smith", string email = "Alice@Example.com", DateTimeOffset? now = null) =>
        User.Register(UserId.New(), Email.Create(email), name, now ?? Times.Created);

    [Fact]
    public void Registered_user_keeps_id_email_and_normalized_email()
    {
        var id = UserId.New();
        var email = Email.Create("Alice@Example.com");

        var user = User.Register(id, email, "Alice Smith", Times.Created);

        Assert.Equal(id, user.Id);
        Assert.Same(email, user.Email);
        Assert.Equal("alice@example.com", user.NormalizedEmail);
        Assert.Equal("Alice Smith", user.Name);
        Assert.Equal(Times.Created, user.CreatedAt);
    }

    [Theory]
    [InlineData("  Alice  ", "Alice")]
    [InlineData("\tBob Jones\n", "Bob Jones")]
    [InlineData("Zoë", "Zoë")]
    public void Name_is_trimmed(string name, string expected)
    {
        var user = Register(name: name);

        Assert.Equal(expected, user.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   \t\r\n ")]
    public void Empty_or_whitespace_name_is_rejected(string name)
    {
        DomainAssert.Throws("invalid_name", () => Register(name: name));
    }

    [Fact]
    public void Missing_name_is_rejected()
    {
        DomainAssert.Throws("invalid_name", () => Register(name: null!));
    }

    [Fact]
    public void Name_of_200_characters_is_accepted_even_with_surrounding_spaces()
    {
        var name = new string('n', User.MaxNameLength);

        var user = Register(name: "  " + name + "  ");

        Assert.Equal(name, user.Name);
    }

    [Fact]
    public void Name_longer_than_200_characters_is_rejected()
    {
        var name = new string('n', User.MaxNameLength + 1);

        DomainAssert.Throws("invalid_name", () => Register(name: name));
    }

    [Theory]
    [InlineData("Al\u0000ice")]
    [InlineData("Al\nice")]
    [InlineData("Al\rice")]
    [InlineData("Ali\u001bce")]
    [InlineData("Alice\u007f Smith")]
    [InlineData("Alice\u0085Smith")]
    public void Name_with_control_characters_is_rejected(string name)
    {
        DomainAssert.Throws("invalid_name", () => Register(name: name));
    }

    [Fact]
    public void Missing_email_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => User.Register(UserId.New(), null!, "Alice", Times.Created));
    }

    [Fact]
    public void CreatedAt_is_stored_in_UTC_to_the_microsecond()
    {
        var user = Register(now: Times.Unnormalized);

        Assert.Equal(TimeSpan.Zero, user.CreatedAt.Offset);
        Assert.Equal(0, user.CreatedAt.Ticks % 10);
        Assert.Equal(Times.UnnormalizedAsStored, user.CreatedAt);
        Assert.Equal(Times.UnnormalizedAsStored.Ticks, user.CreatedAt.Ticks);
    }
}
