using Paydesk.Domain.Users;

namespace Paydesk.Domain.Tests;

public sealed class EmailTests
{
    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("a@b.co")]
    [InlineData("Alice.Smith+billing@Example.COM")]
    [InlineData("user_name-1@mail.sub.example.org")]
    [InlineData("o'brien@example.ie")]
    [InlineData("jürgen@example.de")]
    public void Valid_address_is_accepted_and_stored_as_entered(string value)
    {
        var created = Email.TryCreate(value, out var email, out var error);

        Assert.True(created, error);
        Assert.NotNull(email);
        Assert.Null(error);
        Assert.Equal(value, email.Value);
        Assert.Equal(value, email.ToString());
    }

    [Fact]
    public void Normalized_form_is_lower_case_and_value_keeps_the_original_case()
    {
        var email = Email.Create("Alice.Smith@Example.COM");

        Assert.Equal("Alice.Smith@Example.COM", email.Value);
        Assert.Equal("alice.smith@example.com", email.Normalized);
    }

    [Fact]
    public void Addresses_differing_only_in_case_share_a_normalized_form()
    {
        var upper = Email.Create("BOB@EXAMPLE.COM");
        var lower = Email.Create("bob@example.com");

        Assert.Equal(lower.Normalized, upper.Normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("alice.example.com")]
    [InlineData("alice@")]
    [InlineData("@example.com")]
    [InlineData("alice@bob@example.com")]
    [InlineData("alice@@example.com")]
    [InlineData("al ice@example.com")]
    [InlineData(" alice@example.com")]
    [InlineData("alice@example.com ")]
    [InlineData("alice@exa mple.com")]
    [InlineData("alice\u00a0@example.com")]
    [InlineData("al\tice@example.com")]
    [InlineData("alice@example.com\n")]
    [InlineData("al\u0000ice@example.com")]
    [InlineData("al\u007fice@example.com")]
    [InlineData("alice@example")]
    [InlineData("alice@localhost")]
    [InlineData("alice@example.com.")]
    [InlineData("alice@.example.com")]
    [InlineData("a@b..com")]
    [InlineData("<alice@example.com>")]
    [InlineData("alice,bob@example.com")]
    [InlineData("alice;bob@example.com")]
    [InlineData("\"alice\"@example.com")]
    [InlineData("alice@[127.0.0.1]")]
    [InlineData("alice@example:25.com")]
    public void Malformed_address_is_rejected(string? value)
    {
        var created = Email.TryCreate(value, out var email, out var error);

        Assert.False(created);
        Assert.Null(email);
        Assert.False(string.IsNullOrWhiteSpace(error));
        DomainAssert.Throws("invalid_email", () => Email.Create(value));
    }

    [Fact]
    public void Address_of_the_maximum_length_is_accepted()
    {
        var value = Address(localLength: 64, totalLength: Email.MaxLength);

        var email = Email.Create(value);

        Assert.Equal(254, email.Value.Length);
    }

    [Fact]
    public void Address_longer_than_254_characters_is_rejected()
    {
        var value = Address(localLength: 64, totalLength: Email.MaxLength + 1);

        DomainAssert.Throws("invalid_email", () => Email.Create(value));
    }

    [Fact]
    public void Local_part_of_64_characters_is_accepted()
    {
        var value = new string('a', 64) + "@example.com";

        Assert.True(Email.TryCreate(value, out _, out var error), error);
    }

    [Fact]
    public void Local_part_longer_than_64_characters_is_rejected()
    {
        var value = new string('a', 65) + "@example.com";

        var created = Email.TryCreate(value, out _, out var error);

        Assert.False(created);
        Assert.Contains("64", error, StringComparison.Ordinal);
    }

    // name@ddd...d.com with the local part and the whole address of the given lengths.
    private static string Address(int localLength, int totalLength)
    {
        var domainLength = totalLength - localLength - 1;
        return new string('a', localLength) + "@" + new string('d', domainLength - 4) + ".com";
    }
}
