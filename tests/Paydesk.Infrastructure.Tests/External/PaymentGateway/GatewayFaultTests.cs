using Paydesk.Application.Abstractions;
using Paydesk.Domain.Payments;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Infrastructure.Tests.External.PaymentGateway;

/// <summary>Many charges through a gateway that misbehaves on a fifth of its calls.</summary>
public sealed class GatewayFaultTests
{
    private static readonly (string Method, GatewayChargeStatus Status, string StripeStatus)[] Methods =
    [
        (SandboxPaymentMethods.Visa, GatewayChargeStatus.Succeeded, "succeeded"),
        (SandboxPaymentMethods.Mastercard, GatewayChargeStatus.Succeeded, "succeeded"),
        (SandboxPaymentMethods.ChargeDeclined, GatewayChargeStatus.Failed, "requires_payment_method"),
        (SandboxPaymentMethods.AuthenticationRequired, GatewayChargeStatus.Failed, "requires_payment_method"),
    ];

    [Fact]
    public async Task Two_hundred_charges_with_twenty_percent_faults_create_exactly_one_payment_intent_each()
    {
        await using var harness = await GatewayHarness.StartAsync(attemptTimeout: TimeSpan.FromMilliseconds(250), maxRetries: 3, faultDelay: TimeSpan.FromMilliseconds(400));
        harness.Emulator.Faults.Reseed(20261126);
        harness.Emulator.Faults.Rate = 0.2;
        var charges = Enumerable.Range(0, 200).Select(i => (Request: GatewayHarness.Charge(Methods[i % Methods.Length].Method), Expected: Methods[i % Methods.Length])).ToList();

        var results = new GatewayChargeOutcome[charges.Count];
        await Parallel.ForAsync(0, charges.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            results[i] = await ChargeUntilKnownAsync(harness.Gateway, charges[i].Request, ct));

        harness.Emulator.Faults.Rate = 0;
        for (var i = 0; i < charges.Count; i++)
        {
            var paymentId = charges[i].Request.PaymentId.Value;
            Assert.Equal(1, harness.Emulator.PaymentIntentsCreatedFor(paymentId));
            Assert.Equal(charges[i].Expected.Status, results[i].Status);
            Assert.Equal(charges[i].Expected.StripeStatus, harness.Emulator.PaymentIntentStatusFor(paymentId));
        }
    }

    // What the application does with an unknown outcome: ask again later with the same stored key.
    private static async Task<GatewayChargeOutcome> ChargeUntilKnownAsync(IPaymentGateway gateway, GatewayChargeRequest request, CancellationToken cancellationToken) =>
        (await Eventually.Until<GatewayChargeOutcome?>(
            async () =>
            {
                try
                {
                    return await gateway.ChargeAsync(request, cancellationToken);
                }
                catch (PaymentGatewayUnavailableException)
                {
                    return null;
                }
            },
            result => result is not null,
            $"a known outcome of the charge of payment {request.PaymentId.Value}"))!;
}
