using Paydesk.Dashboard.Payments;

namespace Paydesk.Api.Tests.Dashboard;

public sealed class DashboardMoneyTests
{
    [Theory]
    [InlineData(1_200, "EUR", "12.00 EUR")]
    [InlineData(5, "USD", "0.05 USD")]
    [InlineData(1_500, "JPY", "1500 JPY")]
    [InlineData(1_500, "BHD", "1.500 BHD")]
    public void Minor_units_read_in_the_currencys_own_decimals(long minor, string currency, string expected) =>
        Assert.Equal(expected, DashboardMoney.Format(minor, currency));

    [Theory]
    [InlineData("12", "EUR", 1_200)]
    [InlineData("12.5", "EUR", 1_250)]
    [InlineData(" 12.50 ", "EUR", 1_250)]
    [InlineData("1500", "JPY", 1_500)]
    [InlineData("1.500", "BHD", 1_500)]
    public void Typed_amounts_become_exact_minor_units(string typed, string currency, long expected)
    {
        Assert.True(DashboardMoney.TryParse(typed, currency, out var minor, out _));
        Assert.Equal(expected, minor);
    }

    [Theory]
    [InlineData("12.005", "EUR")]
    [InlineData("1.5", "JPY")]
    [InlineData("-1", "EUR")]
    [InlineData("0", "EUR")]
    [InlineData("12,00", "EUR")]
    [InlineData("", "EUR")]
    [InlineData(null, "EUR")]
    [InlineData("1000000", "EUR")]
    public void Amounts_the_currency_cannot_hold_are_refused_with_an_example(string? typed, string currency)
    {
        Assert.False(DashboardMoney.TryParse(typed, currency, out _, out var error));
        Assert.Contains("e.g. ", error, StringComparison.Ordinal);
    }
}
