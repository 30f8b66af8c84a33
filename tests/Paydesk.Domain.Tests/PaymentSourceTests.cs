using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

public sealed class PaymentSourceTests
{
    [Theory]
    [InlineData("pm_card_visa")]
    [InlineData("pm_card_chargeDeclined")]
    [InlineData("pm_1Nx2Yz3AbCdEf")]
    [InlineData("tok_visa")]
    [InlineData("src_abc123")]
    [InlineData("card_1AbC")]
    public void Gateway_token_is_valid(string source)
    {
        Assert.True(PaymentSource.IsValid(source));
    }

    [Fact]
    public void Token_of_the_maximum_length_is_valid()
    {
        var source = "pm_" + new string('a', PaymentSource.MaxLength - 3);

        Assert.True(PaymentSource.IsValid(source));
    }

    [Fact]
    public void Token_longer_than_255_characters_is_invalid()
    {
        var source = "pm_" + new string('a', PaymentSource.MaxLength - 2);

        Assert.False(PaymentSource.IsValid(source));
    }

    [Theory]
    [InlineData("4242424242424242")]
    [InlineData("4242 4242 4242 4242")]
    [InlineData("4242-4242-4242-4242")]
    [InlineData("378282246310005")]
    public void Card_number_is_invalid(string source)
    {
        Assert.False(PaymentSource.IsValid(source));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("pm_")]
    [InlineData("pm")]
    [InlineData("visa")]
    [InlineData("PM_card_visa")]
    [InlineData("pm-card-visa")]
    [InlineData("pm_card visa")]
    [InlineData(" pm_card_visa")]
    [InlineData("pm_card_visa ")]
    [InlineData("pm_card_visa\t")]
    [InlineData("pm_card_visa\r\n")]
    [InlineData("pm_card_visa;DROP")]
    [InlineData("pm_card_vïsa")]
    [InlineData("xpm_card_visa")]
    public void Empty_spaced_or_oddly_shaped_source_is_invalid(string? source)
    {
        Assert.False(PaymentSource.IsValid(source));
    }

    // A .NET regex '$' also matches before a final line feed; the pattern must anchor with '\z'.
    [Theory]
    [InlineData("pm_4242424242424242")]
    [InlineData("card_4000056655665556")]
    public void A_card_number_behind_a_token_prefix_is_invalid(string source)
    {
        Assert.False(PaymentSource.IsValid(source));
    }

    [Fact]
    public void Source_with_a_trailing_line_feed_is_invalid()
    {
        Assert.False(PaymentSource.IsValid("pm_card_visa\n"));
    }
}
