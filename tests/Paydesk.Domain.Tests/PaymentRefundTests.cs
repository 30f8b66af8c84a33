using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

public sealed class PaymentRefundTests
{
    private static readonly DateTimeOffset Later = Times.Created.AddMinutes(10);

    [Theory]
    [InlineData(PaymentStatus.Pending)]
    [InlineData(PaymentStatus.RequiresAction)]
    [InlineData(PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Refunded)]
    public void Payment_that_has_not_succeeded_or_is_fully_refunded_cannot_be_refunded(PaymentStatus status)
    {
        var payment = Payments.InStatus(status);
        var versionBefore = payment.Version;
        var refundsBefore = payment.Refunds.Count;

        DomainAssert.Throws("payment_not_refundable", () => payment.Refund(100));

        Assert.Equal(status, payment.Status);
        Assert.Equal(versionBefore, payment.Version);
        Assert.Equal(refundsBefore, payment.Refunds.Count);
    }

    [Fact]
    public void Failed_payment_cannot_be_refunded_even_without_an_amount()
    {
        var payment = Payments.Failed();

        DomainAssert.Throws("payment_not_refundable", () => payment.Refund());
    }

    [Fact]
    public void Refund_requested_from_a_succeeded_payment_is_pending_and_holds_the_amount()
    {
        var payment = Payments.Succeeded(amount: 1500);
        var refundId = RefundId.New();

        var refund = payment.RequestRefund(refundId, 400, "Damaged item", "refund_key_1", Later);

        Assert.Equal(refundId, refund.Id);
        Assert.Equal(payment.Id, refund.PaymentId);
        Assert.Equal(400, refund.Amount);
        Assert.Equal("Damaged item", refund.Reason);
        Assert.Equal("refund_key_1", refund.IdempotencyKey);
        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.True(refund.HoldsAmount);
        Assert.Null(refund.GatewayReference);
        Assert.Null(refund.FailureCode);
        Assert.Equal(Later, refund.CreatedAt);
        Assert.Equal(Later, refund.UpdatedAt);
        Assert.Same(refund, Assert.Single(payment.Refunds));
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(0, payment.AmountRefunded);
        Assert.Equal(1100, payment.RefundableAmount);
    }

    [Fact]
    public void Refund_without_an_amount_takes_all_that_remains()
    {
        var payment = Payments.Succeeded(amount: 1500);

        var refund = payment.Refund();

        Assert.Equal(1500, refund.Amount);
        Assert.Equal(0, payment.RefundableAmount);
    }

    [Fact]
    public void Refund_without_an_amount_after_a_partial_refund_takes_the_rest()
    {
        var payment = Payments.PartiallyRefunded(amount: 1500, refunded: 500);

        var refund = payment.Refund();

        Assert.Equal(1000, refund.Amount);
    }

    [Fact]
    public void Refund_without_an_amount_leaves_out_what_pending_refunds_hold()
    {
        var payment = Payments.Succeeded(amount: 1500);
        payment.Refund(600);

        var rest = payment.Refund();

        Assert.Equal(900, rest.Amount);
        Assert.Equal(0, payment.RefundableAmount);
    }

    [Fact]
    public void Completed_partial_refund_makes_the_payment_partially_refunded()
    {
        var payment = Payments.Succeeded(amount: 1500);
        var refund = payment.Refund(500);

        payment.CompleteRefund(refund.Id, "re_1", Later);

        Assert.Equal(PaymentStatus.PartiallyRefunded, payment.Status);
        Assert.Equal(500, payment.AmountRefunded);
        Assert.Equal(1000, payment.RefundableAmount);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal("re_1", refund.GatewayReference);
        Assert.True(refund.HoldsAmount);
        Assert.Equal(Later, refund.UpdatedAt);
    }

    [Fact]
    public void Completed_full_refund_makes_the_payment_refunded()
    {
        var payment = Payments.Succeeded(amount: 1500);
        var refund = payment.Refund();

        payment.CompleteRefund(refund.Id, "re_1", Later);

        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.Equal(1500, payment.AmountRefunded);
        Assert.Equal(0, payment.RefundableAmount);
    }

    [Fact]
    public void Partial_refunds_that_add_up_to_the_amount_make_the_payment_refunded()
    {
        var payment = Payments.PartiallyRefunded(amount: 1500, refunded: 500);
        var second = payment.Refund(1000);

        payment.CompleteRefund(second.Id, "re_2", Later);

        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.Equal(1500, payment.AmountRefunded);
        Assert.Equal(2, payment.Refunds.Count);
    }

    [Fact]
    public void Partially_refunded_payment_stays_partially_refunded_after_another_partial_refund()
    {
        var payment = Payments.PartiallyRefunded(amount: 1500, refunded: 500);
        var second = payment.Refund(300);

        payment.CompleteRefund(second.Id, "re_2", Later);

        Assert.Equal(PaymentStatus.PartiallyRefunded, payment.Status);
        Assert.Equal(800, payment.AmountRefunded);
        Assert.Equal(700, payment.RefundableAmount);
    }

    [Fact]
    public void Refund_larger_than_the_payment_is_rejected()
    {
        var payment = Payments.Succeeded(amount: 1500);

        DomainAssert.Throws("refund_exceeds_remaining", () => payment.Refund(1501));

        Assert.Empty(payment.Refunds);
        Assert.Equal(1500, payment.RefundableAmount);
    }

    [Fact]
    public void Refund_larger_than_remaining_amount_is_rejected()
    {
        var payment = Payments.PartiallyRefunded(amount: 1500, refunded: 500);

        DomainAssert.Throws("refund_exceeds_remaining", () => payment.Refund(1001));

        Assert.Equal(1000, payment.RefundableAmount);
        Assert.Equal(500, payment.AmountRefunded);
    }

    [Fact]
    public void Refund_of_exactly_the_remaining_amount_is_accepted()
    {
        var payment = Payments.PartiallyRefunded(amount: 1500, refunded: 500);

        var refund = payment.Refund(1000);

        Assert.Equal(1000, refund.Amount);
    }

    [Fact]
    public void Pending_refund_holds_its_amount_against_further_refunds()
    {
        var payment = Payments.Succeeded(amount: 1000);
        payment.Refund(600);

        DomainAssert.Throws("refund_exceeds_remaining", () => payment.Refund(500));

        var fits = payment.Refund(400);
        Assert.Equal(400, fits.Amount);
        Assert.Equal(0, payment.RefundableAmount);
    }

    [Fact]
    public void Payment_whose_whole_amount_is_held_by_pending_refunds_cannot_be_refunded()
    {
        var payment = Payments.Succeeded(amount: 1000);
        payment.Refund();

        DomainAssert.Throws("payment_not_refundable", () => payment.Refund());
        DomainAssert.Throws("payment_not_refundable", () => payment.Refund(1));
        Assert.Single(payment.Refunds);
    }

    [Fact]
    public void Refunds_never_add_up_to_more_than_the_amount()
    {
        var payment = Payments.Succeeded(amount: 1000);
        var amounts = new long[] { 300, 300, 300, 300, 300 };

        foreach (var amount in amounts)
        {
            try
            {
                var refund = payment.Refund(amount);
                payment.CompleteRefund(refund.Id, $"re_{refund.Id}", Later);
            }
            catch (DomainException exception) when (exception.Code == "refund_exceeds_remaining")
            {
            }
        }

        Assert.Equal(900, payment.AmountRefunded);
        Assert.Equal(3, payment.Refunds.Count);
        Assert.True(payment.Refunds.Sum(r => r.Amount) <= payment.Amount);
    }

    [Fact]
    public void Failed_refund_releases_the_held_amount()
    {
        var payment = Payments.Succeeded(amount: 1000);
        var refund = payment.Refund();

        payment.FailRefund(refund.Id, "re_failed", "insufficient_funds", Later);

        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Equal("insufficient_funds", refund.FailureCode);
        Assert.Equal("re_failed", refund.GatewayReference);
        Assert.False(refund.HoldsAmount);
        Assert.Equal(1000, payment.RefundableAmount);
        Assert.Equal(0, payment.AmountRefunded);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void After_a_failed_refund_the_whole_amount_can_be_refunded_again()
    {
        var payment = Payments.Succeeded(amount: 1000);
        var failed = payment.Refund();
        payment.FailRefund(failed.Id, null, "refund_failed", Later);

        var retry = payment.Refund();
        payment.CompleteRefund(retry.Id, "re_ok", Later);

        Assert.Equal(1000, retry.Amount);
        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.Equal(1000, payment.AmountRefunded);
    }

    [Fact]
    public void Failed_refund_of_a_partially_refunded_payment_keeps_it_partially_refunded()
    {
        var payment = Payments.PartiallyRefunded(amount: 1500, refunded: 500);
        var refund = payment.Refund(200);

        payment.FailRefund(refund.Id, null, "refund_failed", Later);

        Assert.Equal(PaymentStatus.PartiallyRefunded, payment.Status);
        Assert.Equal(500, payment.AmountRefunded);
        Assert.Equal(1000, payment.RefundableAmount);
    }

    [Fact]
    public void Completing_an_already_completed_refund_is_rejected()
    {
        var payment = Payments.Succeeded(amount: 1000);
        var refund = payment.Refund(400);
        payment.CompleteRefund(refund.Id, "re_1", Later);
        var versionBefore = payment.Version;

        DomainAssert.Throws("invalid_refund_state", () => payment.CompleteRefund(refund.Id, "re_1", Later.AddMinutes(1)));

        Assert.Equal(400, payment.AmountRefunded);
        Assert.Equal(PaymentStatus.PartiallyRefunded, payment.Status);
        Assert.Equal(versionBefore, payment.Version);
    }

    [Fact]
    public void Failing_an_already_completed_refund_is_rejected()
    {
        var payment = Payments.Succeeded(amount: 1000);
        var refund = payment.Refund(400);
        payment.CompleteRefund(refund.Id, "re_1", Later);

        DomainAssert.Throws("invalid_refund_state", () => payment.FailRefund(refund.Id, null, "refund_failed", Later));

        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(400, payment.AmountRefunded);
        Assert.Equal(600, payment.RefundableAmount);
    }

    [Fact]
    public void Completing_a_failed_refund_is_rejected()
    {
        var payment = Payments.Succeeded(amount: 1000);
        var refund = payment.Refund(400);
        payment.FailRefund(refund.Id, null, "refund_failed", Later);

        DomainAssert.Throws("invalid_refund_state", () => payment.CompleteRefund(refund.Id, "re_late", Later));

        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Equal(0, payment.AmountRefunded);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Failing_a_failed_refund_again_is_rejected()
    {
        var payment = Payments.Succeeded(amount: 1000);
        var refund = payment.Refund(400);
        payment.FailRefund(refund.Id, null, "refund_failed", Later);

        DomainAssert.Throws("invalid_refund_state", () => payment.FailRefund(refund.Id, null, "refund_failed", Later));
    }

    [Fact]
    public void Completing_an_unknown_refund_is_rejected()
    {
        var payment = Payments.Succeeded();
        payment.Refund(100);

        DomainAssert.Throws("refund_not_found", () => payment.CompleteRefund(RefundId.New(), "re_1", Later));

        Assert.Equal(0, payment.AmountRefunded);
    }

    [Fact]
    public void Failing_an_unknown_refund_is_rejected()
    {
        var payment = Payments.Succeeded();

        DomainAssert.Throws("refund_not_found", () => payment.FailRefund(RefundId.New(), null, "refund_failed", Later));
    }

    [Fact]
    public void Refund_of_another_payment_is_unknown_to_this_one()
    {
        var first = Payments.Succeeded();
        var second = Payments.Succeeded();
        var refundOfFirst = first.Refund(100);

        DomainAssert.Throws("refund_not_found", () => second.CompleteRefund(refundOfFirst.Id, "re_1", Later));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void Refund_amount_that_is_not_positive_is_rejected(long amount)
    {
        var payment = Payments.Succeeded();

        DomainAssert.Throws("invalid_amount", () => payment.Refund(amount));

        Assert.Empty(payment.Refunds);
    }

    [Fact]
    public void Reason_of_500_characters_is_accepted()
    {
        var payment = Payments.Succeeded();
        var reason = new string('r', Refund.MaxReasonLength);

        var refund = payment.Refund(100, reason);

        Assert.Equal(reason, refund.Reason);
    }

    [Fact]
    public void Reason_longer_than_500_characters_is_rejected()
    {
        var payment = Payments.Succeeded();

        DomainAssert.Throws("invalid_reason", () => payment.Refund(100, new string('r', Refund.MaxReasonLength + 1)));

        Assert.Empty(payment.Refunds);
    }

    [Fact]
    public void Refund_requires_an_idempotency_key()
    {
        var payment = Payments.Succeeded();

        Assert.ThrowsAny<ArgumentException>(() => payment.RequestRefund(RefundId.New(), 100, null, "", Later));
        Assert.Empty(payment.Refunds);
    }

    [Fact]
    public void Version_increments_on_every_change()
    {
        var payment = Payments.Pending(amount: 1000);
        Assert.Equal(0, payment.Version);

        payment.Succeed("ch_1", Later);
        Assert.Equal(1, payment.Version);

        var first = payment.Refund(300);
        Assert.Equal(2, payment.Version);

        payment.CompleteRefund(first.Id, "re_1", Later);
        Assert.Equal(3, payment.Version);

        var second = payment.Refund(300);
        Assert.Equal(4, payment.Version);

        payment.FailRefund(second.Id, null, "refund_failed", Later);
        Assert.Equal(5, payment.Version);
    }

    [Fact]
    public void UpdatedAt_follows_refund_changes_in_normalized_form()
    {
        var payment = Payments.Succeeded(amount: 1000);
        var requestedAt = Times.Created.AddHours(1);
        var completedAt = Times.Unnormalized.AddHours(2);

        var refund = payment.RequestRefund(RefundId.New(), 300, null, "refund_key", requestedAt);
        Assert.Equal(requestedAt, payment.UpdatedAt);

        payment.CompleteRefund(refund.Id, "re_1", completedAt);
        Assert.Equal(Times.UnnormalizedAsStored.AddHours(2), payment.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, payment.UpdatedAt.Offset);
        Assert.Equal(payment.UpdatedAt, refund.UpdatedAt);
    }

    [Fact]
    public void Refund_request_time_is_normalized()
    {
        var payment = Payments.Succeeded();

        var refund = payment.RequestRefund(RefundId.New(), 100, null, "refund_key", Times.Unnormalized);

        Assert.Equal(Times.UnnormalizedAsStored, refund.CreatedAt);
        Assert.Equal(TimeSpan.Zero, refund.CreatedAt.Offset);
    }

    [Fact]
    public void Zero_decimal_currency_refunds_in_whole_units()
    {
        var payment = Payments.Succeeded(amount: 5000, currency: "JPY");
        var refund = payment.Refund(1);

        payment.CompleteRefund(refund.Id, "re_1", Later);

        Assert.Equal(PaymentStatus.PartiallyRefunded, payment.Status);
        Assert.Equal(1, payment.AmountRefunded);
        Assert.Equal("JPY", payment.Currency.Code);
    }
}
