using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

public sealed class PaymentCreationTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    [Fact]
    public void Created_payment_is_pending_with_nothing_refunded()
    {
        var id = PaymentId.New();
        var userId = UserId.New();

        var payment = Payment.Create(id, userId, Money.Positive(1500, Usd), "pm_card_visa", "Order 1001", "charge_key", Times.Created);

        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(id, payment.Id);
        Assert.Equal(userId, payment.UserId);
        Assert.Equal(1500, payment.Amount);
        Assert.Same(Usd, payment.Currency);
        Assert.Equal(Money.Positive(1500, Usd), payment.Total);
        Assert.Equal("pm_card_visa", payment.Source);
        Assert.Equal("Order 1001", payment.Description);
        Assert.Equal("charge_key", payment.IdempotencyKey);
        Assert.Null(payment.GatewayReference);
        Assert.Null(payment.FailureCode);
        Assert.Null(payment.FailureMessage);
        Assert.Equal(0, payment.AmountRefunded);
        Assert.Equal(1500, payment.RefundableAmount);
        Assert.Empty(payment.Refunds);
        Assert.Equal(0, payment.Version);
    }

    [Fact]
    public void Created_and_updated_times_are_the_normalized_creation_time()
    {
        var payment = Payment.Create(PaymentId.New(), UserId.New(), Money.Positive(1500, Usd), "pm_card_visa", null, "charge_key", Times.Unnormalized);

        Assert.Equal(Times.UnnormalizedAsStored, payment.CreatedAt);
        Assert.Equal(TimeSpan.Zero, payment.CreatedAt.Offset);
        Assert.Equal(payment.CreatedAt, payment.UpdatedAt);
    }

    [Fact]
    public void Payment_may_have_no_description()
    {
        var payment = Payments.Pending(description: null);

        Assert.Null(payment.Description);
    }

    [Theory]
    [InlineData("4242424242424242")]
    [InlineData("pm card visa")]
    [InlineData("")]
    public void Source_that_is_not_a_token_is_rejected(string source)
    {
        DomainAssert.Throws("invalid_source", () => Payments.Pending(source: source));
    }

    [Fact]
    public void Description_of_1000_characters_is_accepted()
    {
        var description = new string('d', Payment.MaxDescriptionLength);

        var payment = Payments.Pending(description: description);

        Assert.Equal(description, payment.Description);
    }

    [Fact]
    public void Description_longer_than_1000_characters_is_rejected()
    {
        var description = new string('d', Payment.MaxDescriptionLength + 1);

        DomainAssert.Throws("invalid_description", () => Payments.Pending(description: description));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-100L)]
    [InlineData(Money.MaxMinorUnits + 1)]
    public void Amount_outside_the_chargeable_range_is_rejected(long minorUnits)
    {
        var amount = new Money(minorUnits, Usd);

        DomainAssert.Throws("invalid_amount", () =>
            Payment.Create(PaymentId.New(), UserId.New(), amount, "pm_card_visa", null, "charge_key", Times.Created));
    }

    [Fact]
    public void Missing_idempotency_key_is_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() =>
            Payment.Create(PaymentId.New(), UserId.New(), Money.Positive(1500, Usd), "pm_card_visa", null, "", Times.Created));
    }
}
