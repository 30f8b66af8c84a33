using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Infrastructure.Tests;

internal static class TestData
{
    public static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public static User User(string? email = null, DateTimeOffset? at = null) =>
        Domain.Users.User.Register(UserId.New(), Email.Create(email ?? $"user-{Guid.NewGuid():N}@example.com"), "Test User", at ?? Noon);

    public static Payment Payment(User user, long amount = 1500, string currency = "USD", DateTimeOffset? at = null)
    {
        var id = PaymentId.New();
        return Domain.Payments.Payment.Create(id, user.Id, Money.Positive(amount, Currency.FromCode(currency)), "pm_card_visa", "Test", $"charge_{id.Value:N}", at ?? Noon);
    }

    public static Payment SucceededPayment(User user, long amount = 1500, string currency = "USD", DateTimeOffset? at = null)
    {
        var payment = Payment(user, amount, currency, at);
        payment.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, $"pi_{Guid.NewGuid():N}"), at ?? Noon, OutcomeRule.Strict);
        return payment;
    }

    public static Payment FailedPayment(User user, long amount = 1500, string currency = "USD", DateTimeOffset? at = null)
    {
        var payment = Payment(user, amount, currency, at);
        payment.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Failed, $"pi_{Guid.NewGuid():N}", "card_declined", "Declined"), at ?? Noon, OutcomeRule.Strict);
        return payment;
    }

    public static Refund Refund(Payment payment, long amount, DateTimeOffset at)
    {
        var refundId = RefundId.New();
        var refund = payment.RequestRefund(refundId, amount, null, $"refund_{refundId.Value:N}", at);
        payment.Apply(refundId, new GatewayRefundOutcome(GatewayRefundStatus.Succeeded, $"re_{Guid.NewGuid():N}"), at, OutcomeRule.Strict);
        return refund;
    }
}
