using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

/// <summary>Builds payments in each status with the fewest steps that get there.</summary>
internal static class Payments
{
    public static Payment Pending(long amount = 1500, string currency = "USD", string source = "pm_card_visa", string? description = "Order 1001") =>
        Payment.Create(
            PaymentId.New(),
            UserId.New(),
            Money.Positive(amount, Currency.FromCode(currency)),
            source,
            description,
            $"charge_{Guid.NewGuid():N}",
            Times.Created);

    public static Payment RequiringAction(long amount = 1500, string currency = "USD")
    {
        var payment = Pending(amount, currency);
        payment.RequireAction("pi_action_1", Times.Created.AddSeconds(1));
        return payment;
    }

    public static Payment Succeeded(long amount = 1500, string currency = "USD")
    {
        var payment = Pending(amount, currency);
        payment.Succeed("ch_1", Times.Created.AddSeconds(1));
        return payment;
    }

    public static Payment Failed(long amount = 1500, string currency = "USD")
    {
        var payment = Pending(amount, currency);
        payment.Fail("ch_1", "card_declined", "The card was declined.", Times.Created.AddSeconds(1));
        return payment;
    }

    public static Payment PartiallyRefunded(long amount = 1500, long refunded = 500, string currency = "USD")
    {
        var payment = Succeeded(amount, currency);
        var refund = payment.Refund(refunded);
        payment.CompleteRefund(refund.Id, "re_partial", Times.Created.AddSeconds(3));
        return payment;
    }

    public static Payment Refunded(long amount = 1500, string currency = "USD")
    {
        var payment = Succeeded(amount, currency);
        var refund = payment.Refund();
        payment.CompleteRefund(refund.Id, "re_full", Times.Created.AddSeconds(3));
        return payment;
    }

    /// <summary>A manual-capture charge the gateway authorized: <c>requires_capture</c>.</summary>
    public static Payment AwaitingCapture(long amount = 1500, string currency = "USD")
    {
        var payment = Payment.Create(
            PaymentId.New(), UserId.New(), Money.Positive(amount, Currency.FromCode(currency)), ChargeMethod.OneOff("pm_card_visa"),
            "Order 1001", $"charge_{Guid.NewGuid():N}", Times.Created, CaptureMethod.Manual);
        payment.Apply(GatewayChargeOutcome.Authorized("pi_auth_1", amount, Times.Created.AddDays(7)), Times.Created.AddSeconds(1), OutcomeRule.Strict);
        return payment;
    }

    public static Payment Canceled(long amount = 1500, string currency = "USD")
    {
        var payment = AwaitingCapture(amount, currency);
        payment.Apply(GatewayChargeOutcome.CanceledFor("pi_auth_1", GatewayChargeOutcome.RequestedReason), Times.Created.AddSeconds(2), OutcomeRule.Strict);
        return payment;
    }

    public static Payment InStatus(PaymentStatus status) => status switch
    {
        PaymentStatus.Pending => Pending(),
        PaymentStatus.RequiresAction => RequiringAction(),
        PaymentStatus.Succeeded => Succeeded(),
        PaymentStatus.Failed => Failed(),
        PaymentStatus.PartiallyRefunded => PartiallyRefunded(),
        PaymentStatus.Refunded => Refunded(),
        PaymentStatus.RequiresCapture => AwaitingCapture(),
        PaymentStatus.Canceled => Canceled(),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Requests a refund with a fresh id and key; the amount defaults to all that remains.</summary>
    public static Refund Refund(this Payment payment, long? amount = null, string? reason = null) =>
        payment.RequestRefund(RefundId.New(), amount, reason, $"refund_{Guid.NewGuid():N}", Times.Created.AddSeconds(2));
}
