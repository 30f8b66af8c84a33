using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

/// <summary>The payment records each change of status it makes, of itself, its refunds and its disputes, in order.</summary>
public sealed class PaymentHistoryRecordingTests
{
    private static readonly DateTimeOffset Later = Times.Created.AddMinutes(5);

    [Fact]
    public void A_new_payment_records_its_creation_as_pending_from_nothing()
    {
        var payment = Payments.Pending();

        var created = Assert.Single(payment.Transitions);

        Assert.Equal((PaymentTransitionSubject.Payment, PaymentTransition.PaymentSubject, "pending", Times.Created), (created.SubjectType, created.Subject, created.To, created.At));
        Assert.Null(created.From);
        Assert.Null(created.Amount);
    }

    [Fact]
    public void A_success_records_the_amount_charged_and_a_repeated_report_records_nothing()
    {
        var payment = Payments.Pending(amount: 1500);
        payment.ClearTransitions();

        payment.Succeed("pi_1", Later);
        payment.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, "pi_1"), Later, OutcomeRule.IfAllowed);

        var succeeded = Assert.Single(payment.Transitions);
        Assert.Equal(("pending", "succeeded", 1500L, "USD"), (succeeded.From, succeeded.To, succeeded.Amount, succeeded.Currency?.Code));
    }

    [Fact]
    public void A_processing_answer_changes_no_status_and_records_nothing()
    {
        var payment = Payments.Pending();
        payment.ClearTransitions();

        payment.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Processing, "pi_1"), Later, OutcomeRule.Strict);

        Assert.Empty(payment.Transitions);
    }

    [Fact]
    public void A_refund_records_its_request_its_success_and_the_payments_new_status()
    {
        var payment = Payments.Succeeded(amount: 1500);
        payment.ClearTransitions();

        var refund = payment.Refund(500);
        payment.CompleteRefund(refund.Id, "re_1", Later);

        (PaymentTransitionSubject, string, string?, string, long)[] expected =
        [
            (PaymentTransitionSubject.Refund, refund.Id.Value.ToString(), null, "pending", 500),
            (PaymentTransitionSubject.Refund, refund.Id.Value.ToString(), "pending", "succeeded", 500),
            (PaymentTransitionSubject.Payment, "payment", "succeeded", "partially_refunded", 500),
        ];
        Assert.Equal(expected, payment.Transitions.Select(t => (t.SubjectType, t.Subject, t.From, t.To, t.Amount!.Value)));
    }

    [Fact]
    public void A_failed_refund_records_no_amount_and_leaves_the_payment_as_it_was()
    {
        var payment = Payments.Succeeded();
        var refund = payment.Refund(500);
        payment.ClearTransitions();

        payment.FailRefund(refund.Id, "re_1", "expired_or_canceled_card", Later);

        var failed = Assert.Single(payment.Transitions);
        Assert.Equal((PaymentTransitionSubject.Refund, "pending", "failed", (long?)null), (failed.SubjectType, failed.From, failed.To, failed.Amount));
    }

    [Fact]
    public void An_authorization_and_a_partial_capture_record_the_amounts_held_and_taken()
    {
        var payment = Payments.AwaitingCapture(amount: 1500);

        payment.Apply(GatewayChargeOutcome.Captured("pi_auth_1", 1000), Later, OutcomeRule.Strict);

        (string, string, long)[] expected = [("pending", "requires_capture", 1500), ("requires_capture", "succeeded", 1000)];
        Assert.Equal(expected, payment.Transitions.Skip(1).Select(t => (t.From!, t.To, t.Amount!.Value)));
    }

    [Fact]
    public void A_dispute_records_its_opening_and_each_later_status_but_not_a_report_that_changes_none()
    {
        var payment = Payments.Succeeded();
        payment.ClearTransitions();
        var opened = new GatewayDispute("du_1", 1500, "usd", "fraudulent", DisputeStatuses.NeedsResponse, Later, null, 0, 0);

        payment.Apply(opened, Later);
        payment.Apply(opened with { FundsWithdrawn = 1500 }, Later.AddMinutes(1));
        payment.Apply(opened with { Status = DisputeStatuses.Lost, FundsWithdrawn = 1500 }, Later.AddMinutes(2));

        (string, string?, string)[] expected = [("du_1", null, "needs_response"), ("du_1", "needs_response", "lost")];
        Assert.Equal(expected, payment.Transitions.Select(t => (t.Subject, t.From, t.To)));
        Assert.All(payment.Transitions, t => Assert.Equal((PaymentTransitionSubject.Dispute, 1500L), (t.SubjectType, t.Amount!.Value)));
    }

    [Fact]
    public void Transitions_are_ordered_by_the_version_they_leave_and_their_step_within_it()
    {
        var payment = Payments.PartiallyRefunded();

        var keys = payment.Transitions.Select(t => (t.Version, t.Step)).ToList();

        Assert.Equal(keys.Order().ToList(), keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(payment.Version, keys[^1].Version);
    }
}
