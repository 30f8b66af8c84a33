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

        Assert.True(payment.ApplyGatewaySucceeded("pi_1", Later));

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Failure_report_after_success_is_ignored()
    {
        var payment = Payments.Succeeded();

        Assert.False(payment.ApplyGatewayFailed("pi_1", "card_declined", "Declined", Later));

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Requires_action_report_after_success_is_ignored()
    {
        var payment = Payments.Succeeded();

        Assert.False(payment.ApplyGatewayRequiresAction("pi_1", Later));

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Processing_report_keeps_the_payment_pending_and_records_its_reference()
    {
        var payment = Payments.Pending();

        Assert.True(payment.ApplyGatewayProcessing("pi_processing", Later));

        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal("pi_processing", payment.GatewayReference);
    }

    [Fact]
    public void Success_report_after_requires_action_moves_forward()
    {
        var payment = Payments.RequiringAction();

        Assert.True(payment.ApplyGatewaySucceeded("pi_action_1", Later));

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Refund_report_for_a_refund_no_longer_pending_is_ignored()
    {
        var payment = Payments.Succeeded();
        var refundId = RefundId.New();
        payment.RequestRefund(refundId, 500, null, "refund_key", Later);
        payment.CompleteRefund(refundId, "re_1", Later);

        Assert.False(payment.ApplyGatewayRefundFailed(refundId, "re_1", "refund_failed", Later));

        Assert.Equal(PaymentStatus.PartiallyRefunded, payment.Status);
        Assert.Equal(500, payment.AmountRefunded);
    }

    [Fact]
    public void Refund_report_settles_a_pending_refund()
    {
        var payment = Payments.Succeeded();
        var refundId = RefundId.New();
        payment.RequestRefund(refundId, 1500, null, "refund_key", Later);

        Assert.True(payment.ApplyGatewayRefundSucceeded(refundId, "re_1", Later));

        Assert.Equal(PaymentStatus.Refunded, payment.Status);
    }
}
