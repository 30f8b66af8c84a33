using Paydesk.Application.Common;
using Paydesk.Application.Payments;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Tests;

public sealed class ListPaymentRefundsHandlerTests
{
    private readonly InMemoryPaymentRepository _payments = new();

    private Task<RefundList> ListAsync(Guid paymentId) =>
        new ListPaymentRefundsHandler(_payments).HandleAsync(paymentId, CancellationToken.None);

    [Fact]
    public async Task Refunds_come_oldest_first_and_pending_ones_hold_their_amount()
    {
        var payment = Payments.Succeeded(Users.Alice().Id, Times.Start, amount: 5_000);
        var first = RefundId.New();
        payment.RequestRefund(first, 1_000, "damaged", "refund-1", Times.Start.AddMinutes(1));
        payment.Apply(first, new GatewayRefundOutcome(GatewayRefundStatus.Succeeded, "re_1"), Times.Start.AddMinutes(1), OutcomeRule.Strict);
        payment.RequestRefund(RefundId.New(), 1_500, null, "refund-2", Times.Start.AddMinutes(2));
        _payments.Seed(payment);

        var refunds = await ListAsync(payment.Id.Value);

        Assert.Equal([1_000L, 1_500L], refunds.Data.Select(r => r.Amount));
        Assert.Equal(["succeeded", "pending"], refunds.Data.Select(r => r.Status));
        Assert.Equal(2_500, refunds.Refundable);
    }

    [Fact]
    public async Task Nothing_is_refundable_on_a_payment_that_did_not_succeed()
    {
        var payment = Payment.Create(PaymentId.New(), Users.Alice().Id, Domain.Amounts.Money.Positive(1_500, Domain.Amounts.Currency.FromCode("EUR")), "pm_card_visa", null, "charge-1", Times.Start);
        _payments.Seed(payment);

        var refunds = await ListAsync(payment.Id.Value);

        Assert.Empty(refunds.Data);
        Assert.Equal(0, refunds.Refundable);
    }

    [Fact]
    public async Task An_unknown_payment_is_payment_not_found()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => ListAsync(Guid.NewGuid()));

        Assert.Equal("payment_not_found", error.Code);
    }
}
