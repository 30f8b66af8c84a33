using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

/// <summary>The gateway's answers to Paydesk's own calls, applied strictly as the use cases apply them.</summary>
internal static class GatewaySteps
{
    public static void Succeed(this Payment payment, string reference, DateTimeOffset now) =>
        payment.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, reference), now, OutcomeRule.Strict);

    public static void Fail(this Payment payment, string? reference, string code, string message, DateTimeOffset now) =>
        payment.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Failed, reference, code, message), now, OutcomeRule.Strict);

    public static void RequireAction(this Payment payment, string reference, DateTimeOffset now) =>
        payment.Apply(new GatewayChargeOutcome(GatewayChargeStatus.RequiresAction, reference), now, OutcomeRule.Strict);

    public static void CompleteRefund(this Payment payment, RefundId refundId, string reference, DateTimeOffset now) =>
        payment.Apply(refundId, new GatewayRefundOutcome(GatewayRefundStatus.Succeeded, reference), now, OutcomeRule.Strict);

    public static void FailRefund(this Payment payment, RefundId refundId, string? reference, string code, DateTimeOffset now) =>
        payment.Apply(refundId, new GatewayRefundOutcome(GatewayRefundStatus.Failed, reference, code), now, OutcomeRule.Strict);
}
