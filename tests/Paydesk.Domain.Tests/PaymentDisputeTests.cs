using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

public sealed class PaymentDisputeTests
{
    private const string DisputeId = "du_test_1";
    private static readonly DateTimeOffset Opened = Times.Created.AddDays(3);
    private static readonly DateTimeOffset Later = Opened.AddHours(1);

    [Fact]
    public void A_first_report_opens_the_dispute_and_raises_dispute_opened()
    {
        var payment = Payments.Succeeded(amount: 1500);
        payment.ClearDomainEvents();

        var changed = payment.Apply(Report(DisputeStatuses.NeedsResponse), Later);

        Assert.True(changed);
        var dispute = Assert.Single(payment.Disputes);
        Assert.Equal((DisputeId, 1500L, "USD", "fraudulent", DisputeStatuses.NeedsResponse), (dispute.GatewayId, dispute.Amount, dispute.Currency.Code, dispute.Reason, dispute.Status));
        Assert.Equal(Opened, dispute.OpenedAt);
        Assert.Equal(Opened.AddDays(7), dispute.EvidenceDueBy);
        Assert.Null(dispute.ClosedAt);
        Assert.Equal(1500, payment.AmountDisputed);
        var opened = Assert.IsType<PaymentDisputeOpened>(Assert.Single(payment.DomainEvents));
        Assert.Equal((DisputeId, 1500L, DisputeStatuses.NeedsResponse), (opened.DisputeId, opened.Amount.MinorUnits, opened.Status));
    }

    [Fact]
    public void Winning_closes_the_dispute_once_and_nothing_stays_disputed()
    {
        var payment = Payments.Succeeded(amount: 1500);
        payment.Apply(Report(DisputeStatuses.NeedsResponse, withdrawn: 1500), Later);
        payment.ClearDomainEvents();

        payment.Apply(Report(DisputeStatuses.Won, withdrawn: 1500, reinstated: 1500), Later.AddDays(1));
        var again = payment.Apply(Report(DisputeStatuses.Won, withdrawn: 1500, reinstated: 1500), Later.AddDays(2));

        Assert.False(again);
        var dispute = Assert.Single(payment.Disputes);
        Assert.Equal((DisputeStatuses.Won, 1500L, 1500L), (dispute.Status, dispute.FundsWithdrawn, dispute.FundsReinstated));
        Assert.Equal(Later.AddDays(1), dispute.ClosedAt);
        Assert.Equal(0, payment.AmountDisputed);
        var closed = Assert.IsType<PaymentDisputeClosed>(Assert.Single(payment.DomainEvents));
        Assert.Equal("won", closed.Outcome);
    }

    [Fact]
    public void A_lost_dispute_stays_disputed()
    {
        var payment = Payments.Succeeded(amount: 1500);
        payment.Apply(Report(DisputeStatuses.NeedsResponse, withdrawn: 1500), Later);

        payment.Apply(Report(DisputeStatuses.Lost, withdrawn: 1500), Later.AddDays(1));

        Assert.Equal(1500, payment.AmountDisputed);
        Assert.Equal("lost", Assert.IsType<PaymentDisputeClosed>(payment.DomainEvents[^1]).Outcome);
    }

    [Theory]
    [InlineData(DisputeStatuses.NeedsResponse)]
    [InlineData(DisputeStatuses.UnderReview)]
    [InlineData(DisputeStatuses.WarningNeedsResponse)]
    public void A_late_report_never_reopens_a_closed_dispute(string lateStatus)
    {
        var payment = Payments.Succeeded(amount: 1500);
        payment.Apply(Report(DisputeStatuses.Lost, withdrawn: 1500), Later);
        var version = payment.Version;

        var changed = payment.Apply(Report(lateStatus), Later.AddHours(1));

        Assert.False(changed);
        Assert.Equal(DisputeStatuses.Lost, Assert.Single(payment.Disputes).Status);
        Assert.Equal(version, payment.Version);
    }

    [Fact]
    public void A_first_report_that_is_already_closed_raises_opened_then_closed()
    {
        var payment = Payments.Succeeded(amount: 1500);
        payment.ClearDomainEvents();

        payment.Apply(Report(DisputeStatuses.Won, withdrawn: 1500, reinstated: 1500), Later);

        Assert.Collection(
            payment.DomainEvents,
            e => Assert.IsType<PaymentDisputeOpened>(e),
            e => Assert.Equal("won", Assert.IsType<PaymentDisputeClosed>(e).Outcome));
    }

    [Fact]
    public void Funds_are_facts_that_only_grow_whatever_order_they_arrive_in()
    {
        var payment = Payments.Succeeded(amount: 1500);
        payment.Apply(Report(DisputeStatuses.Won, withdrawn: 1500, reinstated: 1500), Later);

        payment.Apply(Report(DisputeStatuses.NeedsResponse, withdrawn: 1500), Later.AddHours(1));
        payment.Apply(Report(DisputeStatuses.NeedsResponse), Later.AddHours(2));

        var dispute = Assert.Single(payment.Disputes);
        Assert.Equal((1500L, 1500L), (dispute.FundsWithdrawn, dispute.FundsReinstated));
        Assert.Equal(Later, dispute.FundsWithdrawnAt);
        Assert.Equal(Later, dispute.FundsReinstatedAt);
    }

    [Fact]
    public void An_inquiry_holds_no_amount_and_may_escalate_to_a_dispute()
    {
        var payment = Payments.Succeeded(amount: 1500);
        payment.Apply(Report(DisputeStatuses.WarningNeedsResponse), Later);
        var inquiry = payment.AmountDisputed;

        payment.Apply(Report(DisputeStatuses.NeedsResponse, withdrawn: 1500), Later.AddDays(1));

        Assert.Equal(0, inquiry);
        Assert.Equal(1500, payment.AmountDisputed);
    }

    [Fact]
    public void Two_disputes_of_one_payment_are_kept_apart()
    {
        var payment = Payments.Succeeded(amount: 1500);

        payment.Apply(Report(DisputeStatuses.Lost, amount: 500), Later);
        payment.Apply(Report(DisputeStatuses.NeedsResponse, amount: 1000) with { GatewayId = "du_test_2" }, Later);

        Assert.Equal(2, payment.Disputes.Count);
        Assert.Equal(1500, payment.AmountDisputed);
    }

    [Theory]
    [InlineData("unknown_status", 1500, "usd")]
    [InlineData(DisputeStatuses.NeedsResponse, 0, "usd")]
    [InlineData(DisputeStatuses.NeedsResponse, 1500, "eur")]
    public void A_report_without_a_usable_status_amount_or_currency_is_refused(string status, long amount, string currency)
    {
        var payment = Payments.Succeeded(amount: 1500);

        Assert.Throws<InvalidValueException>(() => payment.Apply(Report(status, amount: amount) with { Currency = currency }, Later));
        Assert.Empty(payment.Disputes);
    }

    private static GatewayDispute Report(string status, long amount = 1500, long withdrawn = 0, long reinstated = 0) =>
        new(DisputeId, amount, "usd", "fraudulent", status, Opened, Opened.AddDays(7), withdrawn, reinstated);
}
