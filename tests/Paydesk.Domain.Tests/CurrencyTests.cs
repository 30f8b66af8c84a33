using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;

namespace Paydesk.Domain.Tests;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("GBP", 2)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("JOD", 3)]
    [InlineData("CLF", 4)]
    [InlineData("UYW", 4)]
    public void Known_code_carries_its_ISO_minor_units(string code, int expectedMinorUnits)
    {
        var found = Currency.TryFromCode(code, out var currency);

        Assert.True(found);
        Assert.NotNull(currency);
        Assert.Equal(code, currency.Code);
        Assert.Equal(expectedMinorUnits, currency.MinorUnits);
    }

    [Fact]
    public void FromCode_returns_the_same_currency_as_TryFromCode()
    {
        Assert.True(Currency.TryFromCode("EUR", out var tried));

        var fromCode = Currency.FromCode("EUR");

        Assert.Equal(tried, fromCode);
        Assert.Equal("EUR", fromCode.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("usd")]
    [InlineData("Usd")]
    [InlineData("US")]
    [InlineData("USDD")]
    [InlineData(" USD")]
    [InlineData("USD ")]
    [InlineData("ABC")]
    [InlineData("XAU")] // gold
    [InlineData("XAG")] // silver
    [InlineData("XDR")] // special drawing rights
    [InlineData("XTS")] // reserved for testing
    [InlineData("XXX")] // no currency
    [InlineData("HRK")] // withdrawn in 2023
    [InlineData("１２３")]
    public void Unknown_lower_case_or_uncharged_code_is_rejected(string? code)
    {
        var found = Currency.TryFromCode(code, out var currency);

        Assert.False(found);
        Assert.Null(currency);
        DomainAssert.Throws("invalid_currency", () => Currency.FromCode(code));
    }

    [Fact]
    public void Every_known_code_is_three_upper_case_letters_and_resolves_to_itself()
    {
        var codes = Currency.KnownCodes;

        Assert.True(codes.Count > 150, $"Only {codes.Count} currencies are known.");
        Assert.All(codes, code =>
        {
            Assert.Matches("^[A-Z]{3}$", code);
            var currency = Currency.FromCode(code);
            Assert.Equal(code, currency.Code);
            Assert.InRange(currency.MinorUnits, 0, 4);
        });
    }

    [Fact]
    public void Known_codes_exclude_metals_testing_and_no_currency_codes()
    {
        string[] uncharged = ["XAU", "XAG", "XPT", "XPD", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "XTS", "XXX"];

        var known = Currency.KnownCodes;

        Assert.All(uncharged, code => Assert.DoesNotContain(code, known));
    }

    [Fact]
    public void Currencies_with_the_same_code_are_equal()
    {
        var first = Currency.FromCode("JPY");
        var second = Currency.FromCode("JPY");

        Assert.Equal(first, second);
        Assert.NotEqual(first, Currency.FromCode("USD"));
    }
}
