using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

public sealed class PaymentCaptureTests
{
    private static readonly DateTimeOffset Authorized = Times.Created.AddSeconds(1);
    private static readonly DateTimeOffset Later = Times.Created.AddMinutes(5);
    private static readonly DateTimeOffset Lapses = Times.Created.AddDays(7);

    [Fact]
    public void Manual_payment_authorized_requires_capture_with_the_capturable_amount_and_lapse_time()
    {
        var payment = Manual();

        var changed = payment.Apply(GatewayChargeOutcome.Authorized("pi_1", 1500, Lapses), Authorized, OutcomeRule.Strict);

        Assert.True(changed);
        Assert.Equal(PaymentStatus.RequiresCapture, payment.Status);
        Assert.Equal(1500, payment.AmountCapturable);
        Assert.Equal(Lapses, payment.CaptureBefore);
        Assert.Equal("pi_1", payment.GatewayReference);
        var authorized = Assert.IsType<PaymentAuthorized>(Assert.Single(payment.DomainEvents));
        Assert.Equal(Lapses, authorized.CaptureBefore);
    }

    [Fact]
    public void Full_capture_succeeds_with_the_whole_amount_and_nothing_released()
    {
        var payment = AwaitingCapture();

        payment.Apply(GatewayChargeOutcome.Captured("pi_1", payment.EnsureCapturable(null)), Later, OutcomeRule.Strict);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(1500, payment.Amount);
        Assert.Equal(0, payment.AmountReleased);
        Assert.Equal(0, payment.AmountCapturable);
        Assert.Null(payment.CaptureBefore);
        Assert.Equal(Later, payment.CapturedAt);
        var captured = Assert.IsType<PaymentCaptured>(Assert.Single(payment.DomainEvents));
        Assert.Equal(1500, captured.Amount.MinorUnits);
    }

    [Fact]
    public void Partial_capture_takes_that_amount_and_releases_the_rest()
    {
        var payment = AwaitingCapture();

        payment.Apply(GatewayChargeOutcome.Captured("pi_1", payment.EnsureCapturable(1200)), Later, OutcomeRule.Strict);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(1200, payment.Amount);
        Assert.Equal(300, payment.AmountReleased);
        Assert.Equal(1200, payment.RefundableAmount);
        var captured = Assert.IsType<PaymentCaptured>(Assert.Single(payment.DomainEvents));
        Assert.Equal(300, captured.AmountReleased.MinorUnits);
    }

    [Fact]
    public void Capture_of_more_than_authorized_is_refused()
    {
        var payment = AwaitingCapture();

        var error = Assert.Throws<DomainException>(() => payment.EnsureCapturable(1501));

        Assert.Equal("capture_exceeds_authorized", error.Code);
    }

    [Theory]
    [InlineData(PaymentStatus.Pending)]
    [InlineData(PaymentStatus.RequiresAction)]
    [InlineData(PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Failed)]
    public void Payment_not_requiring_capture_cannot_be_captured(PaymentStatus status)
    {
        var payment = Payments.InStatus(status);

        var error = Assert.Throws<DomainException>(() => payment.EnsureCapturable(null));

        Assert.Equal("payment_not_capturable", error.Code);
    }

    [Fact]
    public void Authorized_payment_cannot_be_refunded()
    {
        var payment = AwaitingCapture();

        var error = Assert.Throws<DomainException>(() => payment.Refund());

        Assert.Equal("payment_not_refundable", error.Code);
    }

    [Fact]
    public void Lapsed_authorization_is_canceled_as_expired()
    {
        var payment = AwaitingCapture();

        payment.Apply(GatewayChargeOutcome.CanceledFor("pi_1", GatewayChargeOutcome.AuthorizationExpiredReason), Lapses, OutcomeRule.IfAllowed);

        Assert.Equal(PaymentStatus.Canceled, payment.Status);
        Assert.Equal("authorization_expired", payment.CancellationReason);
        Assert.Equal(0, payment.AmountCapturable);
        var canceled = Assert.IsType<PaymentCanceled>(Assert.Single(payment.DomainEvents));
        Assert.Equal("authorization_expired", canceled.Reason);
    }

    [Fact]
    public void Authorized_requiring_action_and_pending_with_a_reference_may_be_canceled()
    {
        var pending = Manual();
        pending.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Processing, "pi_2"), Authorized, OutcomeRule.Strict);

        foreach (var payment in new[] { AwaitingCapture(), Payments.RequiringAction(), pending })
        {
            payment.EnsureCancelable();
            payment.Apply(GatewayChargeOutcome.CanceledFor(payment.GatewayReference!, "Order canceled"), Later, OutcomeRule.Strict);
            Assert.Equal(PaymentStatus.Canceled, payment.Status);
            Assert.Equal("Order canceled", payment.CancellationReason);
        }
    }

    [Fact]
    public void A_requested_cancel_keeps_the_callers_reason_when_the_gateways_webhook_arrives_first()
    {
        var payment = AwaitingCapture();

        payment.RequestCancel("Out of stock");
        payment.Apply(GatewayChargeOutcome.CanceledFor(payment.GatewayReference!, GatewayChargeOutcome.RequestedReason), Later, OutcomeRule.IfAllowed);

        Assert.Equal(PaymentStatus.Canceled, payment.Status);
        Assert.Equal("Out of stock", payment.CancellationReason);
    }

    [Fact]
    public void A_requested_cancel_that_lapses_first_says_the_authorization_expired()
    {
        var payment = AwaitingCapture();

        payment.RequestCancel("Out of stock");
        payment.Apply(GatewayChargeOutcome.CanceledFor(payment.GatewayReference!, GatewayChargeOutcome.AuthorizationExpiredReason), Later, OutcomeRule.IfAllowed);

        Assert.Equal(GatewayChargeOutcome.AuthorizationExpiredReason, payment.CancellationReason);
    }

    [Theory]
    [InlineData(PaymentStatus.Pending)]
    [InlineData(PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.PartiallyRefunded)]
    [InlineData(PaymentStatus.Refunded)]
    [InlineData(PaymentStatus.Failed)]
    public void Captured_settled_or_unknown_payment_cannot_be_canceled(PaymentStatus status)
    {
        var payment = Payments.InStatus(status);

        var error = Assert.Throws<DomainException>(payment.EnsureCancelable);

        Assert.Equal("payment_not_cancelable", error.Code);
    }

    [Fact]
    public void Canceled_payment_is_not_captured_by_a_late_report()
    {
        var payment = AwaitingCapture();
        payment.Apply(GatewayChargeOutcome.CanceledFor("pi_1", GatewayChargeOutcome.AuthorizationExpiredReason), Lapses, OutcomeRule.IfAllowed);

        var changed = payment.Apply(GatewayChargeOutcome.Captured("pi_1", 1500), Lapses.AddSeconds(1), OutcomeRule.IfAllowed);

        Assert.False(changed);
        Assert.Equal(PaymentStatus.Canceled, payment.Status);
    }

    [Fact]
    public void Repeated_authorization_only_fills_in_the_lapse_time()
    {
        var payment = Manual();
        payment.Apply(GatewayChargeOutcome.Authorized("pi_1", 1500, null), Authorized, OutcomeRule.Strict);
        payment.ClearDomainEvents();

        var changed = payment.Apply(GatewayChargeOutcome.Authorized("pi_1", 1500, Lapses), Later, OutcomeRule.IfAllowed);

        Assert.True(changed);
        Assert.Equal(Lapses, payment.CaptureBefore);
        Assert.Empty(payment.DomainEvents);
    }

    private static Payment Manual() =>
        Payment.Create(PaymentId.New(), UserId.New(), Money.Positive(1500, Currency.FromCode("USD")), ChargeMethod.OneOff("pm_card_visa"), null, $"charge_{Guid.NewGuid():N}", Times.Created, CaptureMethod.Manual);

    private static Payment AwaitingCapture()
    {
        var payment = Manual();
        payment.Apply(GatewayChargeOutcome.Authorized("pi_1", 1500, Lapses), Authorized, OutcomeRule.Strict);
        payment.ClearDomainEvents();
        return payment;
    }
}
