using Paydesk.Application.Payments;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Tests;

/// <summary>The offSession / returnUrl rules of a charge.</summary>
public sealed class CreatePaymentSessionRulesTests
{
    private static List<string> FailingProperties(CreatePaymentCommand command, bool allowHttp = false) =>
        new CreatePaymentValidator(new PaymentsOptions { AllowHttpReturnUrls = allowHttp }).Validate(command).Errors.Select(e => e.PropertyName).Distinct().ToList();

    private static CreatePaymentCommand OnSession(string? returnUrl) =>
        Commands.ValidCreatePayment() with { OffSession = false, ReturnUrl = returnUrl };

    [Fact]
    public void On_session_with_an_https_return_url_passes()
    {
        Assert.Empty(FailingProperties(OnSession("https://shop.example/checkout/done?order=1001")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(true)]
    public void Off_session_without_a_return_url_passes(bool? offSession)
    {
        Assert.Empty(FailingProperties(Commands.ValidCreatePayment() with { OffSession = offSession }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(true)]
    public void A_return_url_on_an_off_session_charge_is_refused(bool? offSession)
    {
        var command = Commands.ValidCreatePayment() with { OffSession = offSession, ReturnUrl = "https://shop.example/done" };

        Assert.Equal(["returnUrl"], FailingProperties(command));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void On_session_without_a_return_url_is_refused(string? returnUrl)
    {
        Assert.Equal(["returnUrl"], FailingProperties(OnSession(returnUrl)));
    }

    [Theory]
    [InlineData("/checkout/done")]
    [InlineData("shop.example/done")]
    [InlineData("ftp://shop.example/done")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://user:pass@shop.example/done")]
    [InlineData("http://shop.example/done")]
    public void A_return_url_that_is_not_an_absolute_https_url_is_refused(string returnUrl)
    {
        Assert.Equal(["returnUrl"], FailingProperties(OnSession(returnUrl)));
    }

    [Fact]
    public void An_http_return_url_passes_where_http_is_allowed()
    {
        Assert.Empty(FailingProperties(OnSession("http://127.0.0.1:3000/done"), allowHttp: true));
    }

    [Fact]
    public void A_return_url_longer_than_the_maximum_is_refused()
    {
        var url = "https://shop.example/" + new string('a', ChargeMethod.MaxReturnUrlLength);

        Assert.Equal(["returnUrl"], FailingProperties(OnSession(url)));
    }

    [Fact]
    public void A_return_url_of_exactly_the_maximum_length_passes()
    {
        const string Prefix = "https://shop.example/";
        var url = Prefix + new string('a', ChargeMethod.MaxReturnUrlLength - Prefix.Length);

        Assert.Empty(FailingProperties(OnSession(url)));
    }
}
