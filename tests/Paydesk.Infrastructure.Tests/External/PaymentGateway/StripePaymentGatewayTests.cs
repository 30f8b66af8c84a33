using Paydesk.Application.Abstractions;
using Paydesk.Domain.Payments;
using Paydesk.Sandbox;

namespace Paydesk.Infrastructure.Tests.External.PaymentGateway;

/// <summary>The Stripe adapter against the emulator over real HTTP.</summary>
public sealed class StripePaymentGatewayTests
{
    [Theory]
    [InlineData(SandboxPaymentMethods.Visa, GatewayChargeStatus.Succeeded, null)]
    [InlineData(SandboxPaymentMethods.Mastercard, GatewayChargeStatus.Succeeded, null)]
    [InlineData(SandboxPaymentMethods.ChargeDeclined, GatewayChargeStatus.Failed, "card_declined")]
    [InlineData(SandboxPaymentMethods.InsufficientFunds, GatewayChargeStatus.Failed, "insufficient_funds")]
    [InlineData(SandboxPaymentMethods.LostCard, GatewayChargeStatus.Failed, "card_declined")]
    [InlineData(SandboxPaymentMethods.StolenCard, GatewayChargeStatus.Failed, "card_declined")]
    [InlineData(SandboxPaymentMethods.ExpiredCard, GatewayChargeStatus.Failed, "expired_card")]
    [InlineData(SandboxPaymentMethods.IncorrectCvc, GatewayChargeStatus.Failed, "incorrect_cvc")]
    [InlineData(SandboxPaymentMethods.AuthenticationRequired, GatewayChargeStatus.Failed, "authentication_required")]
    [InlineData(SandboxPaymentMethods.Processing, GatewayChargeStatus.Processing, null)]
    public async Task Each_test_payment_method_maps_to_its_outcome(string method, GatewayChargeStatus expected, string? failureCode)
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = GatewayHarness.Charge(method);

        var result = await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.Equal(failureCode, result.FailureCode);
        Assert.StartsWith("pi_", result.Reference, StringComparison.Ordinal);
        Assert.Equal(1, harness.Emulator.PaymentIntentsCreatedFor(request.PaymentId.Value));
    }

    [Fact]
    public async Task Lost_and_stolen_cards_do_not_reveal_why_they_were_declined()
    {
        await using var harness = await GatewayHarness.StartAsync();

        var result = await harness.Gateway.ChargeAsync(GatewayHarness.Charge(SandboxPaymentMethods.StolenCard), CancellationToken.None);

        Assert.DoesNotContain("stolen", result.FailureMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_payment_method_is_rejected_without_a_payment_intent()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = GatewayHarness.Charge("pm_card_unknown");

        var result = await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Rejected, result.Status);
        Assert.Equal("invalid_payment_method", result.FailureCode);
        Assert.Equal(0, harness.Emulator.PaymentIntentsCreatedFor(request.PaymentId.Value));
    }

    [Fact]
    public async Task Repeated_charge_with_the_same_key_replays_the_first_payment_intent()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = GatewayHarness.Charge();

        var first = await harness.Gateway.ChargeAsync(request, CancellationToken.None);
        var second = await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        Assert.Equal(first.Reference, second.Reference);
        Assert.Equal(2, harness.Emulator.ChargeRequests);
        Assert.Equal(1, harness.Emulator.PaymentIntentsCreatedFor(request.PaymentId.Value));
    }

    [Fact]
    public async Task Repeated_decline_with_the_same_key_replays_the_decline()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = GatewayHarness.Charge(SandboxPaymentMethods.InsufficientFunds);

        var first = await harness.Gateway.ChargeAsync(request, CancellationToken.None);
        var second = await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(1, harness.Emulator.PaymentIntentsCreatedFor(request.PaymentId.Value));
    }

    [Fact]
    public async Task Key_reused_with_other_parameters_is_an_error_and_charges_nothing_more()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = GatewayHarness.Charge(amount: 1500);
        await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        var error = await Assert.ThrowsAsync<PaymentGatewayFailedException>(() =>
            harness.Gateway.ChargeAsync(request with { Amount = Domain.Amounts.Money.Positive(2000, request.Amount.Currency) }, CancellationToken.None));

        Assert.Equal("gateway_idempotency_conflict", error.Code);
        Assert.Equal(1, harness.Emulator.PaymentIntentsCreatedFor(request.PaymentId.Value));
    }

    [Fact]
    public async Task Full_refund_succeeds_for_the_whole_amount()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var charge = GatewayHarness.Charge(amount: 1500);
        var paid = await harness.Gateway.ChargeAsync(charge, CancellationToken.None);

        var refund = await harness.Gateway.RefundAsync(GatewayHarness.Refund(charge, paid.Reference!, 1500), CancellationToken.None);

        Assert.Equal(GatewayRefundStatus.Succeeded, refund.Status);
        Assert.StartsWith("re_", refund.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partial_refunds_succeed_until_the_amount_is_used_up()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var charge = GatewayHarness.Charge(amount: 1000);
        var paid = await harness.Gateway.ChargeAsync(charge, CancellationToken.None);

        var first = await harness.Gateway.RefundAsync(GatewayHarness.Refund(charge, paid.Reference!, 600), CancellationToken.None);
        var second = await harness.Gateway.RefundAsync(GatewayHarness.Refund(charge, paid.Reference!, 400), CancellationToken.None);
        var third = await harness.Gateway.RefundAsync(GatewayHarness.Refund(charge, paid.Reference!, 1), CancellationToken.None);

        Assert.Equal(GatewayRefundStatus.Succeeded, first.Status);
        Assert.Equal(GatewayRefundStatus.Succeeded, second.Status);
        Assert.Equal(GatewayRefundStatus.Failed, third.Status);
        Assert.Equal("amount_too_large", third.FailureCode);
    }

    [Fact]
    public async Task Repeated_refund_with_the_same_key_replays_the_first_refund()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var charge = GatewayHarness.Charge(amount: 1000);
        var paid = await harness.Gateway.ChargeAsync(charge, CancellationToken.None);
        var request = GatewayHarness.Refund(charge, paid.Reference!, 1000);

        var first = await harness.Gateway.RefundAsync(request, CancellationToken.None);
        var second = await harness.Gateway.RefundAsync(request, CancellationToken.None);

        Assert.Equal(GatewayRefundStatus.Succeeded, second.Status);
        Assert.Equal(first.Reference, second.Reference);
    }

    [Fact]
    public async Task Rejected_secret_key_is_a_gateway_failure_logged_by_its_configuration_key_only()
    {
        await using var harness = await GatewayHarness.StartAsync(adapterSecretKey: "sk_test_wrong_secret_value");

        var error = await Assert.ThrowsAsync<PaymentGatewayFailedException>(() =>
            harness.Gateway.ChargeAsync(GatewayHarness.Charge(), CancellationToken.None));

        Assert.Equal("gateway_authentication_failed", error.Code);
        Assert.Contains(harness.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("PaymentGateway:Stripe:SecretKey", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains("sk_test_wrong_secret_value", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(EmulatorFault.ServerError)]
    [InlineData(EmulatorFault.DropResponse)]
    [InlineData(EmulatorFault.Delay)]
    public async Task One_fault_is_retried_with_the_same_key_and_charges_once(EmulatorFault fault)
    {
        await using var harness = await GatewayHarness.StartAsync(maxRetries: 10);
        harness.Emulator.Faults.FailNext(fault);
        var request = GatewayHarness.Charge();

        var result = await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Succeeded, result.Status);
        Assert.True(harness.Emulator.ChargeRequests >= 2);
        Assert.Equal(1, harness.Emulator.PaymentIntentsCreatedFor(request.PaymentId.Value));
    }

    [Fact]
    public async Task Gateway_that_keeps_failing_leaves_the_outcome_unknown()
    {
        await using var harness = await GatewayHarness.StartAsync(maxRetries: 2);
        harness.Emulator.Faults.FailNext(EmulatorFault.ServerError, count: 3);

        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() =>
            harness.Gateway.ChargeAsync(GatewayHarness.Charge(), CancellationToken.None));

        Assert.Equal(3, harness.Emulator.ChargeRequests);
    }

    [Fact]
    public async Task Lost_response_without_retries_is_unknown_but_the_charge_happened_once()
    {
        await using var harness = await GatewayHarness.StartAsync(maxRetries: 0);
        harness.Emulator.Faults.FailNext(EmulatorFault.DropResponse);
        var request = GatewayHarness.Charge();

        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => harness.Gateway.ChargeAsync(request, CancellationToken.None));
        var retried = await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Succeeded, retried.Status);
        Assert.Equal(1, harness.Emulator.PaymentIntentsCreatedFor(request.PaymentId.Value));
    }
}
