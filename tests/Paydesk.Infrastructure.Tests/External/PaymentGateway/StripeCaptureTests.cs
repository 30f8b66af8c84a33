using System.Text.Json;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.External.PaymentGateway.Stripe;
using Paydesk.Sandbox;

namespace Paydesk.Infrastructure.Tests.External.PaymentGateway;

/// <summary>The Stripe adapter's manual capture and cancel against the emulator over real HTTP, and what their events become.</summary>
public sealed class StripeCaptureTests
{
    [Fact]
    public async Task A_manual_charge_is_authorized_with_the_time_it_lapses()
    {
        await using var harness = await GatewayHarness.StartAsync();

        var outcome = await harness.Gateway.ChargeAsync(Manual(), CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Authorized, outcome.Status);
        Assert.Equal(1500, outcome.AmountCapturable);
        Assert.NotNull(outcome.CaptureBefore);
        Assert.True(outcome.CaptureBefore > DateTimeOffset.UtcNow.AddDays(6));
    }

    [Fact]
    public async Task A_partial_capture_succeeds_with_the_amount_received()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = Manual();
        var authorized = await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        var captured = await harness.Gateway.CaptureAsync(request, authorized.Reference!, 1000, CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Succeeded, captured.Status);
        Assert.Equal(1000, captured.AmountReceived);
    }

    [Fact]
    public async Task A_capture_of_a_lapsed_authorization_answers_that_it_was_canceled()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = Manual();
        var authorized = await harness.Gateway.ChargeAsync(request, CancellationToken.None);
        Assert.True(await harness.Emulator.LapseAuthorizationAsync(authorized.Reference!, CancellationToken.None));

        var outcome = await harness.Gateway.CaptureAsync(request, authorized.Reference!, 1500, CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Canceled, outcome.Status);
        Assert.Equal(GatewayChargeOutcome.AuthorizationExpiredReason, outcome.CancellationReason);
    }

    [Fact]
    public async Task A_cancel_on_request_releases_an_authorization()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = Manual();
        var authorized = await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        var outcome = await harness.Gateway.CancelOnRequestAsync(request, authorized.Reference!, CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Canceled, outcome.Status);
        Assert.Equal(GatewayChargeOutcome.RequestedReason, outcome.CancellationReason);
    }

    [Fact]
    public async Task A_cancel_on_request_cancels_a_charge_still_processing()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = GatewayHarness.Charge(SandboxPaymentMethods.Processing) with { Capture = CaptureMethod.Manual };
        var processing = await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        var outcome = await harness.Gateway.CancelOnRequestAsync(request, processing.Reference!, CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Canceled, outcome.Status);
    }

    [Fact]
    public async Task A_cancel_on_request_of_a_captured_charge_answers_that_it_succeeded()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = Manual();
        var authorized = await harness.Gateway.ChargeAsync(request, CancellationToken.None);
        await harness.Gateway.CaptureAsync(request, authorized.Reference!, 1500, CancellationToken.None);

        var outcome = await harness.Gateway.CancelOnRequestAsync(request, authorized.Reference!, CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Succeeded, outcome.Status);
    }

    [Fact]
    public async Task A_lost_manual_charge_is_found_authorized()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = Manual();
        await harness.Gateway.ChargeAsync(request, CancellationToken.None);

        var found = await harness.Gateway.LookUpChargeAsync(request, reference: null, CancellationToken.None);

        Assert.Equal(GatewayChargeStatus.Authorized, found?.Status);
    }

    [Fact]
    public void The_capturable_amount_event_is_an_authorization()
    {
        var outcome = Read("payment_intent.amount_capturable_updated", "\"status\":\"requires_capture\",\"amount_capturable\":1500");

        Assert.Equal(GatewayChargeStatus.Authorized, outcome.Status);
        Assert.Equal(1500, outcome.AmountCapturable);
    }

    [Fact]
    public void A_lapse_is_an_expired_authorization_and_an_abandoned_authentication_still_fails()
    {
        var lapsed = Read("payment_intent.canceled", "\"status\":\"canceled\",\"cancellation_reason\":\"automatic\"");
        var abandoned = Read("payment_intent.canceled", "\"status\":\"canceled\",\"cancellation_reason\":\"abandoned\"");

        Assert.Equal(GatewayChargeStatus.Canceled, lapsed.Status);
        Assert.Equal(GatewayChargeOutcome.AuthorizationExpiredReason, lapsed.CancellationReason);
        Assert.Equal(GatewayChargeStatus.Failed, abandoned.Status);
        Assert.Equal(GatewayChargeOutcome.AbandonedCode, abandoned.FailureCode);
    }

    [Fact]
    public void The_succeeded_event_of_a_capture_carries_the_amount_received()
    {
        var outcome = Read("payment_intent.succeeded", "\"status\":\"succeeded\",\"amount_received\":1200");

        Assert.Equal(1200, outcome.AmountReceived);
    }

    private static Application.Abstractions.GatewayChargeRequest Manual() => GatewayHarness.Charge() with { Capture = CaptureMethod.Manual };

    private static GatewayChargeOutcome Read(string type, string intentFields)
    {
        var paymentId = Guid.NewGuid();
        using var json = JsonDocument.Parse($$"""{"id":"pi_1","object":"payment_intent","metadata":{"paydesk_payment_id":"{{paymentId}}"},{{intentFields}}}""");
        return Assert.Single(StripeEventChanges.Read(type, json.RootElement)).Charge!;
    }
}
