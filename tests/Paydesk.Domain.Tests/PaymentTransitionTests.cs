using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

public sealed class PaymentTransitionTests
{
    private static readonly DateTimeOffset Later = Times.Created.AddMinutes(5);

    public static TheoryData<PaymentStatus, string> ForbiddenTransitions => new()
    {
        { PaymentStatus.RequiresAction, "require_action" },
        { PaymentStatus.Succeeded, "succeed" },
        { PaymentStatus.Succeeded, "fail" },
        { PaymentStatus.Succeeded, "require_action" },
        { PaymentStatus.Failed, "succeed" },
        { PaymentStatus.Failed, "fail" },
        { PaymentStatus.Failed, "require_action" },
        { PaymentStatus.PartiallyRefunded, "succeed" },
        { PaymentStatus.PartiallyRefunded, "fail" },
        { PaymentStatus.PartiallyRefunded, "require_action" },
        { PaymentStatus.Refunded, "succeed" },
        { PaymentStatus.Refunded, "fail" },
        { PaymentStatus.Refunded, "require_action" },
    };

    [Fact]
    public void Pending_payment_succeeds_with_the_gateway_reference()
    {
        var payment = Payments.Pending();

        payment.Succeed("ch_123", Later);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal("ch_123", payment.GatewayReference);
        Assert.Null(payment.FailureCode);
        Assert.Null(payment.FailureMessage);
        Assert.Equal(1, payment.Version);
        Assert.Equal(Later, payment.UpdatedAt);
        Assert.Equal(Times.Created, payment.CreatedAt);
    }

    [Fact]
    public void Pending_payment_fails_with_code_and_message()
    {
        var payment = Payments.Pending();

        payment.Fail("ch_123", "card_declined", "The card was declined.", Later);

        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("ch_123", payment.GatewayReference);
        Assert.Equal("card_declined", payment.FailureCode);
        Assert.Equal("The card was declined.", payment.FailureMessage);
        Assert.Equal(1, payment.Version);
        Assert.Equal(Later, payment.UpdatedAt);
    }

    [Fact]
    public void Pending_payment_may_fail_without_a_gateway_reference()
    {
        var payment = Payments.Pending();

        payment.Fail(null, "invalid_payment_method", "Unknown payment method.", Later);

        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Null(payment.GatewayReference);
    }

    [Fact]
    public void Pending_payment_can_require_action()
    {
        var payment = Payments.Pending();

        payment.RequireAction("pi_3ds", Later);

        Assert.Equal(PaymentStatus.RequiresAction, payment.Status);
        Assert.Equal("pi_3ds", payment.GatewayReference);
        Assert.Equal(1, payment.Version);
        Assert.Equal(Later, payment.UpdatedAt);
    }

    [Fact]
    public void Payment_requiring_action_can_succeed()
    {
        var payment = Payments.RequiringAction();

        payment.Succeed("ch_after_3ds", Later);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal("ch_after_3ds", payment.GatewayReference);
        Assert.Equal(2, payment.Version);
    }

    [Fact]
    public void Payment_requiring_action_can_fail_and_keeps_its_reference()
    {
        var payment = Payments.RequiringAction();

        payment.Fail(null, "authentication_failed", "The customer did not authenticate.", Later);

        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("pi_action_1", payment.GatewayReference);
        Assert.Equal("authentication_failed", payment.FailureCode);
        Assert.Equal(2, payment.Version);
    }

    [Theory]
    [MemberData(nameof(ForbiddenTransitions))]
    public void Payment_whose_outcome_is_settled_cannot_change_it(PaymentStatus status, string transition)
    {
        var payment = Payments.InStatus(status);
        var versionBefore = payment.Version;
        var updatedBefore = payment.UpdatedAt;
        var referenceBefore = payment.GatewayReference;
        var failureBefore = payment.FailureCode;

        DomainAssert.Throws("invalid_payment_state", () => Apply(payment, transition));

        Assert.Equal(status, payment.Status);
        Assert.Equal(versionBefore, payment.Version);
        Assert.Equal(updatedBefore, payment.UpdatedAt);
        Assert.Equal(referenceBefore, payment.GatewayReference);
        Assert.Equal(failureBefore, payment.FailureCode);
    }

    [Fact]
    public void Refunded_payment_cannot_succeed_again()
    {
        var payment = Payments.Refunded();

        DomainAssert.Throws("invalid_payment_state", () => payment.Succeed("ch_again", Later));
        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.Equal(payment.Amount, payment.AmountRefunded);
    }

    [Fact]
    public void Failed_payment_cannot_succeed_late()
    {
        var payment = Payments.Failed();

        DomainAssert.Throws("invalid_payment_state", () => payment.Succeed("ch_late", Later));
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("card_declined", payment.FailureCode);
    }

    [Fact]
    public void Long_failure_message_is_cut_to_500_characters()
    {
        var payment = Payments.Pending();
        var message = new string('m', Payment.MaxFailureMessageLength + 50);

        payment.Fail(null, "card_declined", message, Later);

        Assert.Equal(message[..Payment.MaxFailureMessageLength], payment.FailureMessage);
    }

    [Fact]
    public void Failure_message_of_500_characters_is_kept_whole()
    {
        var payment = Payments.Pending();
        var message = new string('m', Payment.MaxFailureMessageLength);

        payment.Fail(null, "card_declined", message, Later);

        Assert.Equal(message, payment.FailureMessage);
    }

    [Fact]
    public void Success_requires_a_gateway_reference()
    {
        var payment = Payments.Pending();

        Assert.ThrowsAny<ArgumentException>(() => payment.Succeed("", Later));
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(0, payment.Version);
    }

    [Fact]
    public void Requiring_action_requires_a_gateway_reference()
    {
        var payment = Payments.Pending();

        Assert.ThrowsAny<ArgumentException>(() => payment.RequireAction("", Later));
        Assert.Equal(PaymentStatus.Pending, payment.Status);
    }

    [Fact]
    public void Failure_requires_a_failure_code()
    {
        var payment = Payments.Pending();

        Assert.ThrowsAny<ArgumentException>(() => payment.Fail("ch_1", "", "Declined.", Later));
        Assert.Equal(PaymentStatus.Pending, payment.Status);
    }

    [Fact]
    public void UpdatedAt_is_normalized_on_a_transition()
    {
        var payment = Payments.Pending();

        payment.Succeed("ch_1", Times.Unnormalized);

        Assert.Equal(Times.UnnormalizedAsStored, payment.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, payment.UpdatedAt.Offset);
    }

    [Fact]
    public void Every_status_can_be_built_by_the_test_helper()
    {
        foreach (var status in Enum.GetValues<PaymentStatus>())
        {
            Assert.Equal(status, Payments.InStatus(status).Status);
        }
    }

    private static void Apply(Payment payment, string transition)
    {
        switch (transition)
        {
            case "succeed":
                payment.Succeed("ch_other", Later);
                break;
            case "fail":
                payment.Fail("ch_other", "card_declined", "Declined.", Later);
                break;
            case "require_action":
                payment.RequireAction("pi_other", Later);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(transition), transition, null);
        }
    }
}
