using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

/// <summary>A payment that needs its payer keeps what they must do, and only until it settles.</summary>
public sealed class NextActionTests
{
    private static readonly DateTimeOffset Later = Times.Created.AddMinutes(5);
    private static readonly PaymentNextAction Redirect = new(PaymentNextAction.RedirectToUrl, "https://gateway.example/3ds/pi_1?token=t");

    [Fact]
    public void Requires_action_records_the_next_action_and_the_client_secret()
    {
        var payment = Payments.Pending();

        payment.Apply(GatewayChargeOutcome.ActionRequired("pi_1", Redirect, "pi_1_secret_abc"), Later, OutcomeRule.Strict);

        Assert.Equal(PaymentStatus.RequiresAction, payment.Status);
        Assert.Equal(Redirect, payment.NextAction);
        Assert.Equal("pi_1_secret_abc", payment.ClientSecret);
    }

    [Theory]
    [InlineData(GatewayChargeStatus.Succeeded)]
    [InlineData(GatewayChargeStatus.Failed)]
    public void Settling_clears_the_next_action_and_the_client_secret(GatewayChargeStatus settled)
    {
        var payment = Payments.Pending();
        payment.Apply(GatewayChargeOutcome.ActionRequired("pi_1", Redirect, "pi_1_secret_abc"), Later, OutcomeRule.Strict);

        Assert.True(payment.Apply(new GatewayChargeOutcome(settled, "pi_1"), Later.AddMinutes(1), OutcomeRule.IfAllowed));

        Assert.Null(payment.NextAction);
        Assert.Null(payment.NextActionType);
        Assert.Null(payment.NextActionUrl);
        Assert.Null(payment.ClientSecret);
    }

    [Fact]
    public void A_later_report_of_the_same_request_fills_in_a_missing_next_action_without_a_second_event()
    {
        var payment = Payments.Pending();
        payment.Apply(GatewayChargeOutcome.ActionRequired("pi_1", null, null), Later, OutcomeRule.IfAllowed);

        Assert.True(payment.Apply(GatewayChargeOutcome.ActionRequired("pi_1", Redirect, "pi_1_secret_abc"), Later.AddSeconds(1), OutcomeRule.Strict));

        Assert.Equal(Redirect, payment.NextAction);
        Assert.Equal("pi_1_secret_abc", payment.ClientSecret);
        Assert.Single(payment.DomainEvents.OfType<PaymentRequiresAction>());
    }

    [Fact]
    public void A_repeated_report_of_the_same_request_changes_nothing()
    {
        var payment = Payments.Pending();
        payment.Apply(GatewayChargeOutcome.ActionRequired("pi_1", Redirect, "pi_1_secret_abc"), Later, OutcomeRule.IfAllowed);
        var version = payment.Version;

        Assert.False(payment.Apply(GatewayChargeOutcome.ActionRequired("pi_1", Redirect, "pi_1_secret_abc"), Later.AddSeconds(1), OutcomeRule.IfAllowed));

        Assert.Equal(version, payment.Version);
    }

    [Fact]
    public void Abandoned_payment_fails_with_authentication_abandoned_and_raises_the_failure()
    {
        var payment = Payments.Pending();
        payment.Apply(GatewayChargeOutcome.ActionRequired("pi_1", Redirect, "pi_1_secret_abc"), Later, OutcomeRule.IfAllowed);

        payment.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Failed, "pi_1", GatewayChargeOutcome.AbandonedCode, GatewayChargeOutcome.AbandonedMessage), Later.AddHours(24), OutcomeRule.IfAllowed);

        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("authentication_abandoned", payment.FailureCode);
        Assert.Null(payment.ClientSecret);
        Assert.Equal("authentication_abandoned", Assert.Single(payment.DomainEvents.OfType<PaymentFailed>()).FailureCode);
    }

    [Fact]
    public void The_outcome_never_prints_its_client_secret_or_url()
    {
        var outcome = GatewayChargeOutcome.ActionRequired("pi_1", Redirect, "pi_1_secret_abc");

        var text = outcome.ToString();

        Assert.DoesNotContain("secret_abc", text, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", text, StringComparison.Ordinal);
        Assert.Contains("redirect_to_url", text, StringComparison.Ordinal);
    }
}
