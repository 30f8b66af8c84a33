using Paydesk.TestSupport;
using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>Disputed charges in a <see cref="StripeNetSession"/>.</summary>
internal static class StripeNetDisputes
{
    /// <summary>A PaymentIntent charged (or, with <c>manual</c>, authorized) off-session with <see cref="SandboxPaymentMethods.CreateDispute"/>.</summary>
    public static async Task<PaymentIntent> ChargeDisputeCardAsync(this StripeNetSession session, long amount, string captureMethod = "automatic", Guid? paymentId = null) =>
        await session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = amount,
            Currency = "usd",
            PaymentMethod = SandboxPaymentMethods.CreateDispute,
            CaptureMethod = captureMethod,
            Confirm = true,
            OffSession = true,
            Metadata = new() { ["paydesk_payment_id"] = (paymentId ?? Guid.NewGuid()).ToString() },
        });

    /// <summary>The dispute of the intent once it is open and its two opening events are sent (so that later events follow them).</summary>
    public static async Task<Dispute> OpenedDisputeAsync(this StripeNetSession session, PaymentIntent pi)
    {
        var dispute = (await Eventually.Until(
            () => session.Client.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = pi.Id }),
            list => list.Data.Count > 0,
            $"a dispute of {pi.Id}")).Data.Single();
        await Eventually.True(() => session.EventTypesFor(dispute.Id).Count >= 2, $"the opening events of {dispute.Id}");
        return dispute;
    }

    public static async Task<Dispute> SubmitEvidenceAsync(this StripeNetSession session, string disputeId, string text) =>
        await session.Client.V1.Disputes.UpdateAsync(disputeId, new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions { UncategorizedText = text },
        });

    /// <summary>Waits for as many events as expected about the dispute, then asserts they are exactly those, in order.</summary>
    public static async Task AssertEventsAsync(this StripeNetSession session, string disputeId, params string[] expected)
    {
        await Eventually.True(() => session.EventTypesFor(disputeId).Count >= expected.Length, $"the events {string.Join(", ", expected)}");
        Assert.Equal(expected, session.EventTypesFor(disputeId));
    }
}
