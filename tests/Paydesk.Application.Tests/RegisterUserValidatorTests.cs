using Paydesk.Application.Users;

namespace Paydesk.Application.Tests;

public sealed class RegisterUserValidatorTests
{
    private static readonly RegisterUserCommand Valid = new("alice@example.com", "Alice Smith");

    private static List<string> FailingProperties(RegisterUserCommand command) =>
        new RegisterUserValidator().Validate(command).Errors.Select(e => e.PropertyName).Distinct().ToList();

    [Theory]
    [InlineData("alice@example.com", "Alice Smith")]
    [InlineData("Alice.Smith+billing@Example.COM", "  Alice  ")]
    [InlineData("a@b.co", "Zoë")]
    public void Valid_command_passes(string email, string name)
    {
        var result = new RegisterUserValidator().Validate(new RegisterUserCommand(email, name));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Name_of_200_characters_with_surrounding_spaces_passes()
    {
        var command = Valid with { Name = "  " + new string('n', 200) + "  " };

        Assert.Empty(FailingProperties(command));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("alice@")]
    [InlineData("a@b@example.com")]
    [InlineData("al ice@example.com")]
    [InlineData("alice@example")]
    [InlineData("a@b..com")]
    [InlineData("alice@example.com.")]
    public void Invalid_email_is_reported_on_email(string? email)
    {
        var failing = FailingProperties(Valid with { Email = email });

        Assert.Equal(["email"], failing);
    }

    [Fact]
    public void Email_longer_than_254_characters_is_reported_on_email()
    {
        var email = new string('a', 64) + "@" + new string('d', 186) + ".com";

        Assert.Equal(["email"], FailingProperties(Valid with { Email = email }));
    }

    [Fact]
    public void Email_error_carries_the_domain_message()
    {
        var result = new RegisterUserValidator().Validate(Valid with { Email = "alice" });

        var error = Assert.Single(result.Errors);
        Assert.Equal("The email must look like name@example.com.", error.ErrorMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData("Al\u0000ice")]
    [InlineData("Ali\u001bce")]
    public void Missing_blank_or_control_character_name_is_reported_on_name(string? name)
    {
        var failing = FailingProperties(Valid with { Name = name });

        Assert.Equal(["name"], failing);
    }

    [Fact]
    public void Name_longer_than_200_characters_is_reported_on_name()
    {
        var failing = FailingProperties(Valid with { Name = new string('n', 201) });

        Assert.Equal(["name"], failing);
    }

    [Fact]
    public void Every_invalid_field_is_reported()
    {
        var failing = FailingProperties(new RegisterUserCommand("not-an-email", " "));

        Assert.Equal(["email", "name"], failing.Order(StringComparer.Ordinal));
    }
}
