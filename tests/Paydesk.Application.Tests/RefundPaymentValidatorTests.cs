using Paydesk.Application.Payments;
using Paydesk.Domain.Amounts;

namespace Paydesk.Application.Tests;

public sealed class RefundPaymentValidatorTests
{
    private static List<string> FailingProperties(RefundPaymentCommand command) =>
        new RefundPaymentValidator().Validate(command).Errors.Select(e => e.PropertyName).Distinct().ToList();

    [Theory]
    [InlineData(null, null)]
    [InlineData(1L, null)]
    [InlineData(Money.MaxMinorUnits, "Damaged item")]
    [InlineData(null, "")]
    public void Valid_command_passes(long? amount, string? reason)
    {
        var result = new RefundPaymentValidator().Validate(new RefundPaymentCommand(amount, reason));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Reason_of_500_characters_passes()
    {
        Assert.Empty(FailingProperties(new RefundPaymentCommand(null, new string('r', 500))));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(Money.MaxMinorUnits + 1)]
    public void Amount_outside_1_to_the_maximum_is_reported_on_amount(long amount)
    {
        Assert.Equal(["amount"], FailingProperties(new RefundPaymentCommand(amount, null)));
    }

    [Fact]
    public void Reason_longer_than_500_characters_is_reported_on_reason()
    {
        Assert.Equal(["reason"], FailingProperties(new RefundPaymentCommand(100, new string('r', 501))));
    }

    [Fact]
    public void Every_invalid_field_is_reported()
    {
        var failing = FailingProperties(new RefundPaymentCommand(0, new string('r', 501)));

        Assert.Equal(["amount", "reason"], failing.Order(StringComparer.Ordinal));
    }
}
