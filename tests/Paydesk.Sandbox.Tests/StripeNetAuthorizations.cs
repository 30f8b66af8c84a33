using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>Authorizing a PaymentIntent in a <see cref="StripeNetSession"/>.</summary>
internal static class StripeNetAuthorizations
{
    /// <summary>A PaymentIntent created and confirmed off-session with <paramref name="captureMethod"/>.</summary>
    public static async Task<PaymentIntent> AuthorizeAsync(this StripeNetSession session, long amount, string captureMethod = "manual", bool expand = false, string method = SandboxPaymentMethods.Visa) =>
        await session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = amount,
            Currency = "eur",
            PaymentMethod = method,
            CaptureMethod = captureMethod,
            Confirm = true,
            OffSession = true,
            Expand = expand ? ["latest_charge"] : null,
            Metadata = new() { ["paydesk_payment_id"] = Guid.NewGuid().ToString() },
        });

    public static async Task<(string Status, long AmountCapturable)> StatusAsync(this StripeNetSession session, string id)
    {
        var pi = await session.Client.V1.PaymentIntents.GetAsync(id);
        return (pi.Status, pi.AmountCapturable);
    }
}
