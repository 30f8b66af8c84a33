using Paydesk.Application.Notifications;
using Paydesk.Domain.Amounts;

namespace Paydesk.Application.Tests.Notifications;

public sealed class MoneyFormatterTests
{
    [Theory]
    [InlineData(1500, "JPY", "¥1,500")]
    [InlineData(1500, "USD", "$15.00")]
    [InlineData(1500, "BHD", "BHD 1.500")]
    [InlineData(5, "USD", "$0.05")]
    [InlineData(123_456_789, "EUR", "€1,234,567.89")]
    [InlineData(99_999_999, "GBP", "£999,999.99")]
    [InlineData(12_345, "CLF", "CLF 1.2345")]
    [InlineData(100, "CHF", "CHF 1.00")]
    [InlineData(-300, "USD", "-$3.00")]
    [InlineData(0, "KWD", "KWD 0.000")]
    public void Amounts_use_the_currencys_own_decimals(long minorUnits, string currency, string expected)
    {
        var text = MoneyFormatter.Format(minorUnits, Currency.FromCode(currency));

        Assert.Equal(expected, text);
    }
}
