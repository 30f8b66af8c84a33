using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

/// <summary>What the gateway reports later is applied only where the state machine allows.</summary>
public sealed class GatewayReportTests
{
    private static readonly DateTimeOffset Later = Times.Created.AddMinutes(5);

    [Fact]
    public void Success_report_settles_a_pending_payment()
    {
        var payment = Payments.Pending();

        Assert.True(payment.Apply(Charge(GatewayChargeStatus.Succeeded, "pi_1"), Later, OutcomeRule.IfAllowed));

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Failure_report_after_success_is_ignored()
    {
        var payment = Payments.Succeeded();
        var versionBefore = payment.Version;

        Assert.False(payment.Apply(Charge(GatewayChargeStatus.Failed, "pi_1"), Later, OutcomeRule.IfAllowed));

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(versionBefore, payment.Version);
    }

    [Fact]
    public void Failure_answer_after_success_is_refused_when_strict()
    {
        var payment = Payments.Succeeded();

        DomainAssert.Throws("invalid_payment_state", () => payment.Apply(Charge(GatewayChargeStatus.Failed, "pi_1"), Later, OutcomeRule.Strict));

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Repeated_success_report_changes_nothing_and_raises_no_second_event()
    {
        var payment = Payments.Pending();
        payment.Apply(Charge(GatewayChargeStatus.Succeeded, "pi_1"), Later, OutcomeRule.IfAllowed);

        Assert.False(payment.Apply(Charge(GatewayChargeStatus.Succeeded, "pi_1"), Later.AddSeconds(1), OutcomeRule.IfAllowed));

        Assert.Single(payment.DomainEvents.OfType<PaymentSucceeded>());
    }

    [Fact]
    public void Requires_action_report_after_success_is_ignored()
    {
        var payment = Payments.Succeeded();

        Assert.False(payment.Apply(Charge(GatewayChargeStatus.RequiresAction, "pi_1"), Later, OutcomeRule.IfAllowed));

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Processing_report_keeps_the_payment_pending_and_records_its_reference()
    {
        var payment = Payments.Pending();

        Assert.True(payment.Apply(Charge(GatewayChargeStatus.Processing, "pi_processing"), Later, OutcomeRule.IfAllowed));

        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal("pi_processing", payment.GatewayReference);
    }

    [Fact]
    public void Success_report_after_requires_action_moves_forward()
    {
        var payment = Payments.RequiringAction();

        Assert.True(payment.Apply(Charge(GatewayChargeStatus.Succeeded, "pi_action_1"), Later, OutcomeRule.IfAllowed));

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Rejection_fails_the_payment_with_the_generic_code_when_the_gateway_gives_none()
    {
        var payment = Payments.Pending();

        payment.Apply(Charge(GatewayChargeStatus.Rejected, null), Later, OutcomeRule.Strict);

        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal(GatewayChargeOutcome.RejectedCode, payment.FailureCode);
    }

    [Fact]
    public void Decline_without_a_code_fails_the_payment_as_card_declined()
    {
        var payment = Payments.Pending();

        payment.Apply(Charge(GatewayChargeStatus.Failed, "pi_1"), Later, OutcomeRule.Strict);

        Assert.Equal("card_declined", payment.FailureCode);
        Assert.Equal("The card was declined.", payment.FailureMessage);
    }

    [Fact]
    public void Refund_report_for_a_refund_no_longer_pending_is_ignored()
    {
        var payment = Payments.Succeeded();
        var refundId = RefundId.New();
        payment.RequestRefund(refundId, 500, null, "refund_key", Later);
        payment.CompleteRefund(refundId, "re_1", Later);

        Assert.False(payment.Apply(refundId, new GatewayRefundOutcome(GatewayRefundStatus.Failed, "re_1"), Later, OutcomeRule.IfAllowed));

        Assert.Equal(PaymentStatus.PartiallyRefunded, payment.Status);
        Assert.Equal(500, payment.AmountRefunded);
    }

    [Fact]
    public void Refund_report_for_an_unknown_refund_is_ignored()
    {
        var payment = Payments.Succeeded();

        Assert.False(payment.Apply(RefundId.New(), new GatewayRefundOutcome(GatewayRefundStatus.Succeeded, "re_1"), Later, OutcomeRule.IfAllowed));
    }

    [Fact]
    public void Refund_report_settles_a_pending_refund()
    {
        var payment = Payments.Succeeded();
        var refundId = RefundId.New();
        payment.RequestRefund(refundId, 1500, null, "refund_key", Later);

        Assert.True(payment.Apply(refundId, new GatewayRefundOutcome(GatewayRefundStatus.Succeeded, "re_1"), Later, OutcomeRule.IfAllowed));

        Assert.Equal(PaymentStatus.Refunded, payment.Status);
    }

    [Fact]
    public void Pending_refund_report_changes_nothing()
    {
        var payment = Payments.Succeeded();
        var refundId = RefundId.New();
        payment.RequestRefund(refundId, 1500, null, "refund_key", Later);

        Assert.False(payment.Apply(refundId, new GatewayRefundOutcome(GatewayRefundStatus.Pending, "re_1"), Later, OutcomeRule.Strict));

        Assert.Equal(RefundStatus.Pending, payment.Refunds.Single().Status);
    }

    private static GatewayChargeOutcome Charge(GatewayChargeStatus status, string? reference) => new(status, reference);
}
