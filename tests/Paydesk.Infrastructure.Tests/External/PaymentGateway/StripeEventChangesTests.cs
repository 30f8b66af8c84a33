using System.Text.Json;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.External.PaymentGateway.Stripe;

namespace Paydesk.Infrastructure.Tests.External.PaymentGateway;

/// <summary>What Stripe's 3-D Secure events and answers become.</summary>
public sealed class StripeEventChangesTests
{
    private static readonly Guid PaymentId = Guid.NewGuid();

    private static GatewayChargeOutcome Read(string type, string intentFields)
    {
        using var json = JsonDocument.Parse($$"""{"id":"pi_1","object":"payment_intent","metadata":{"paydesk_payment_id":"{{PaymentId}}"},{{intentFields}}}""");
        var change = Assert.Single(StripeEventChanges.Read(type, json.RootElement));
        Assert.Equal(PaymentId, change.PaymentId);
        return change.Charge!;
    }

    [Fact]
    public void Requires_action_with_a_redirect_carries_its_url_and_the_client_secret()
    {
        var outcome = Read("payment_intent.requires_action", """
            "status":"requires_action","client_secret":"pi_1_secret_x",
            "next_action":{"type":"redirect_to_url","redirect_to_url":{"url":"https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=pi_1","return_url":"https://shop.example/done"}}
            """);

        Assert.Equal(GatewayChargeStatus.RequiresAction, outcome.Status);
        Assert.Equal(new PaymentNextAction("redirect_to_url", "https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=pi_1"), outcome.NextAction);
        Assert.Equal("pi_1_secret_x", outcome.ClientSecret);
    }

    [Fact]
    public void Requires_action_for_the_stripe_sdk_has_no_url()
    {
        var outcome = Read("payment_intent.requires_action", """
            "status":"requires_action","client_secret":"pi_1_secret_x",
            "next_action":{"type":"use_stripe_sdk","use_stripe_sdk":{"type":"three_d_secure_redirect","stripe_js":"https://hooks.stripe.com/x"}}
            """);

        Assert.Equal(new PaymentNextAction("use_stripe_sdk", null), outcome.NextAction);
    }

    [Fact]
    public void A_failed_authentication_fails_with_its_code_and_a_safe_message()
    {
        var outcome = Read("payment_intent.payment_failed", """
            "status":"requires_payment_method",
            "last_payment_error":{"type":"card_error","code":"payment_intent_authentication_failure","message":"The provided PaymentMethod has failed authentication."}
            """);

        Assert.Equal(GatewayChargeStatus.Failed, outcome.Status);
        Assert.Equal("payment_intent_authentication_failure", outcome.FailureCode);
        Assert.DoesNotContain("PaymentMethod", outcome.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_off_session_decline_for_authentication_fails_with_authentication_required()
    {
        var outcome = Read("payment_intent.payment_failed", """
            "status":"requires_payment_method",
            "last_payment_error":{"type":"card_error","code":"authentication_required","decline_code":"authentication_required"}
            """);

        Assert.Equal(GatewayChargeStatus.Failed, outcome.Status);
        Assert.Equal("authentication_required", outcome.FailureCode);
    }

    [Fact]
    public void An_intent_canceled_as_abandoned_fails_with_authentication_abandoned()
    {
        var outcome = Read("payment_intent.canceled", """ "status":"canceled","cancellation_reason":"abandoned" """);

        Assert.Equal(GatewayChargeStatus.Failed, outcome.Status);
        Assert.Equal("authentication_abandoned", outcome.FailureCode);
    }

    [Fact]
    public void An_intent_canceled_otherwise_fails_as_canceled()
    {
        var outcome = Read("payment_intent.canceled", """ "status":"canceled","cancellation_reason":"duplicate" """);

        Assert.Equal("payment_canceled", outcome.FailureCode);
    }

    [Fact]
    public void An_intent_canceled_on_request_is_canceled_not_failed()
    {
        // Paydesk's own cancel route sends requested_by_customer; such an intent never took money.
        var outcome = Read("payment_intent.canceled", """ "status":"canceled","cancellation_reason":"requested_by_customer" """);

        Assert.Equal(GatewayChargeStatus.Canceled, outcome.Status);
        Assert.Equal(GatewayChargeOutcome.RequestedReason, outcome.CancellationReason);
        Assert.Null(outcome.FailureCode);
    }
}
