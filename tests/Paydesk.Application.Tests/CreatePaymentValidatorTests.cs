using Paydesk.Application.Payments;
using Paydesk.Domain.Amounts;

namespace Paydesk.Application.Tests;

public sealed class CreatePaymentValidatorTests
{
    private static List<string> FailingProperties(CreatePaymentCommand command) =>
        new CreatePaymentValidator().Validate(command).Errors.Select(e => e.PropertyName).Distinct().ToList();

    [Fact]
    public void Valid_command_passes()
    {
        var result = new CreatePaymentValidator().Validate(Commands.ValidCreatePayment());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData(1L, "USD")]
    [InlineData(Money.MaxMinorUnits, "USD")]
    [InlineData(500L, "JPY")]
    [InlineData(1234L, "BHD")]
    public void Amount_from_1_to_the_maximum_in_a_known_currency_passes(long amount, string currency)
    {
        var command = Commands.ValidCreatePayment() with { Amount = amount, Currency = currency };

        Assert.Empty(FailingProperties(command));
    }

    [Fact]
    public void Command_without_a_description_passes()
    {
        Assert.Empty(FailingProperties(Commands.ValidCreatePayment() with { Description = null }));
    }

    [Fact]
    public void Description_of_1000_characters_passes()
    {
        Assert.Empty(FailingProperties(Commands.ValidCreatePayment() with { Description = new string('d', 1000) }));
    }

    [Fact]
    public void Missing_user_id_is_reported_on_userId()
    {
        Assert.Equal(["userId"], FailingProperties(Commands.ValidCreatePayment() with { UserId = null }));
    }

    [Fact]
    public void Empty_user_id_is_reported_on_userId()
    {
        Assert.Equal(["userId"], FailingProperties(Commands.ValidCreatePayment() with { UserId = Guid.Empty }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(Money.MaxMinorUnits + 1)]
    [InlineData(long.MaxValue)]
    public void Missing_or_out_of_range_amount_is_reported_on_amount(long? amount)
    {
        Assert.Equal(["amount"], FailingProperties(Commands.ValidCreatePayment() with { Amount = amount }));
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("XAU")]
    [InlineData("XXX")]
    [InlineData("ABC")]
    public void Unknown_currency_is_reported_on_currency(string currency)
    {
        Assert.Equal(["currency"], FailingProperties(Commands.ValidCreatePayment() with { Currency = currency }));
    }

    // Guards the condition on the format rule: it must not switch off the NotEmpty rule before it.
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_currency_is_reported_on_currency(string? currency)
    {
        Assert.Equal(["currency"], FailingProperties(Commands.ValidCreatePayment() with { Currency = currency }));
    }

    [Theory]
    [InlineData("4242424242424242")]
    [InlineData("4242 4242 4242 4242")]
    [InlineData("pm card visa")]
    [InlineData("visa")]
    public void Source_that_is_not_a_token_is_reported_on_source(string source)
    {
        Assert.Equal(["source"], FailingProperties(Commands.ValidCreatePayment() with { Source = source }));
    }

    [Fact]
    public void Source_longer_than_255_characters_is_reported_on_source()
    {
        var source = "pm_" + new string('a', 253);

        Assert.Equal(["source"], FailingProperties(Commands.ValidCreatePayment() with { Source = source }));
    }

    [Fact]
    public void Empty_source_is_reported_on_source()
    {
        Assert.Equal(["source"], FailingProperties(Commands.ValidCreatePayment() with { Source = "" }));
    }

    // Without a source or a paymentMethodId the user's default is charged.
    [Fact]
    public void Charge_naming_no_method_is_valid()
    {
        Assert.Empty(FailingProperties(Commands.ValidCreatePayment() with { Source = null }));
    }

    [Fact]
    public void Charge_naming_a_saved_method_is_valid()
    {
        Assert.Empty(FailingProperties(Commands.ValidCreatePayment() with { Source = null, PaymentMethodId = "pm_1NxSaved" }));
    }

    [Fact]
    public void Source_and_payment_method_together_are_reported_on_payment_method_id()
    {
        Assert.Equal(["paymentMethodId"], FailingProperties(Commands.ValidCreatePayment() with { PaymentMethodId = "pm_1NxSaved" }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("card_1NxSaved")]
    [InlineData("pm_4242424242424242")]
    [InlineData("pm 1NxSaved")]
    public void Payment_method_id_that_is_not_a_saved_method_id_is_reported_on_payment_method_id(string paymentMethodId)
    {
        Assert.Equal(["paymentMethodId"], FailingProperties(Commands.ValidCreatePayment() with { Source = null, PaymentMethodId = paymentMethodId }));
    }

    [Fact]
    public void Description_longer_than_1000_characters_is_reported_on_description()
    {
        var command = Commands.ValidCreatePayment() with { Description = new string('d', 1001) };

        Assert.Equal(["description"], FailingProperties(command));
    }

    [Fact]
    public void Every_invalid_field_is_reported()
    {
        var command = new CreatePaymentCommand(Guid.Empty, 0, "usd", "4242424242424242", new string('d', 1001));

        var failing = FailingProperties(command);

        Assert.Equal(["amount", "currency", "description", "source", "userId"], failing.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Long_unknown_currency_is_shortened_in_the_message()
    {
        var command = Commands.ValidCreatePayment() with { Currency = new string('Q', 40) };

        var error = Assert.Single(new CreatePaymentValidator().Validate(command).Errors);

        Assert.Equal("currency", error.PropertyName);
        Assert.DoesNotContain(new string('Q', 17), error.ErrorMessage, StringComparison.Ordinal);
    }
}
