using Paydesk.Application.Payments;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Tests;

internal static class Times
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
}

internal static class Users
{
    public static User Alice(DateTimeOffset? now = null) =>
        User.Register(UserId.New(), Email.Create("alice@example.com"), "Alice Smith", now ?? Times.Start);
}

internal static class Payments
{
    public static Payment Succeeded(UserId userId, DateTimeOffset createdAt, long amount = 1500, string currency = "USD")
    {
        var payment = Payment.Create(
            PaymentId.New(),
            userId,
            Money.Positive(amount, Currency.FromCode(currency)),
            "pm_card_visa",
            null,
            $"charge_{Guid.NewGuid():N}",
            createdAt);
        payment.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, "ch_1"), createdAt.AddSeconds(1), OutcomeRule.Strict);
        return payment;
    }
}

internal static class Commands
{
    public static CreatePaymentCommand CreatePayment(Guid userId, long amount = 1500, string currency = "USD") =>
        new(userId, amount, currency, "pm_card_visa", "Order 1001");

    public static CreatePaymentCommand ValidCreatePayment() => CreatePayment(Guid.NewGuid());
}
