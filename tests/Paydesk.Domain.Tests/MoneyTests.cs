using Paydesk.Domain.Amounts;

namespace Paydesk.Domain.Tests;

public sealed class MoneyTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(Money.MaxMinorUnits + 1)]
    [InlineData(long.MaxValue)]
    public void Amount_that_is_not_positive_or_above_the_maximum_is_rejected(long minorUnits)
    {
        DomainAssert.Throws("invalid_amount", () => Money.Positive(minorUnits, Usd));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(1500L)]
    [InlineData(Money.MaxMinorUnits)]
    public void Positive_amount_up_to_the_maximum_is_accepted(long minorUnits)
    {
        var money = Money.Positive(minorUnits, Usd);

        Assert.Equal(minorUnits, money.MinorUnits);
        Assert.Same(Usd, money.Currency);
    }

    [Fact]
    public void Maximum_is_eight_digits_of_minor_units()
    {
        Assert.Equal(99_999_999L, Money.MaxMinorUnits);
    }

    [Fact]
    public void Amount_without_a_currency_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => Money.Positive(100, null!));
    }

    [Fact]
    public void Amounts_are_equal_when_units_and_currency_are_equal()
    {
        var a = Money.Positive(1500, Usd);
        var b = Money.Positive(1500, Currency.FromCode("USD"));
        var otherCurrency = Money.Positive(1500, Currency.FromCode("EUR"));
        var otherAmount = Money.Positive(1501, Usd);

        Assert.Equal(a, b);
        Assert.NotEqual(a, otherCurrency);
        Assert.NotEqual(a, otherAmount);
    }

    [Fact]
    public void ToString_names_units_and_currency()
    {
        var money = Money.Positive(1500, Usd);

        Assert.Equal("1500 USD (minor units)", money.ToString());
    }
}
