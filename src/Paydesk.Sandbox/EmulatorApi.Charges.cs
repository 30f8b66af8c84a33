using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Paydesk.Sandbox;

/// <summary>
/// Charges: each confirmation of a PaymentIntent makes one (its <c>latest_charge</c>); a success
/// captures it at once or, with <c>capture_method=manual</c>, only authorizes it. Retrieve, and
/// <c>expand[]=latest_charge</c> on a PaymentIntent's answer.
/// </summary>
internal sealed partial class EmulatorApi
{
    private const string LatestChargeField = "latest_charge";

    private EmulatorResponse RetrieveCharge(string id) =>
        _charges.TryGetValue(id, out var charge) ? EmulatorResponse.Ok(charge.ToJson()) : EmulatorResponse.NotFound("charge", id, "charge");

    /// <summary>A new charge of the intent, its <c>latest_charge</c>; the caller holds the lock.</summary>
    private EmulatedCharge NewCharge(EmulatedPaymentIntent pi, EmulatedPaymentMethod method, string status)
    {
        var charge = new EmulatedCharge
        {
            Id = NewId("ch"),
            PaymentIntent = pi.Id,
            Amount = pi.Amount,
            Currency = pi.Currency,
            Customer = pi.Customer,
            PaymentMethod = method.Id,
            Card = method.Behaviour,
            Status = status,
            Metadata = pi.Metadata,
            Created = _clock.GetUtcNow().ToUnixTimeSeconds(),
        };
        _charges[charge.Id] = charge;
        pi.LatestCharge = charge.Id;
        return charge;
    }

    /// <summary>
    /// The charge went through: captured now (<c>succeeded</c>), or authorized until
    /// <c>capture_before</c> (<c>requires_capture</c>). Returns the event Stripe sends for it; the
    /// caller holds the lock.
    /// </summary>
    private (string EventType, JsonObject Snapshot) ChargeSucceeded(EmulatedPaymentIntent pi, EmulatedCharge charge)
    {
        charge.Status = "succeeded";
        if (pi.CapturesLater)
        {
            pi.Status = "requires_capture";
            pi.AmountCapturable = pi.Amount;
            charge.CaptureBefore = (_clock.GetUtcNow() + _options.AuthorizationLifetime).ToUnixTimeSeconds();
            ScheduleAuthorizationExpiry(pi.Id);
            return ("payment_intent.amount_capturable_updated", pi.ToJson());
        }

        pi.Status = "succeeded";
        pi.AmountReceived = pi.Amount;
        charge.Captured = true;
        charge.AmountCaptured = pi.Amount;
        return ("payment_intent.succeeded", pi.ToJson());
    }

    /// <summary>A canceled or lapsed authorization gives its money back; the caller holds the lock.</summary>
    private void ReleaseAuthorization(EmulatedPaymentIntent pi)
    {
        if (pi.Status == "requires_capture" && pi.LatestCharge is { } id && _charges.TryGetValue(id, out var charge))
        {
            charge.AmountRefunded = charge.Amount;
        }

        pi.AmountCapturable = 0;
    }

    private EmulatedCharge? LatestChargeOf(EmulatedPaymentIntent pi) =>
        pi.LatestCharge is { } id && _charges.TryGetValue(id, out var charge) ? charge : null;

    /// <summary>The intent as an answer renders it: with its charge in place of the id when the request expanded <c>latest_charge</c>.</summary>
    private JsonObject PaymentIntentJson(EmulatedPaymentIntent pi, bool expandCharge) =>
        pi.ToJson(expandCharge ? LatestChargeOf(pi)?.ToJson() : null);

    // Stripe.net writes expand[0]=…; curl and other clients write expand[]=….
    private static bool ExpandsLatestCharge(Dictionary<string, string> form) =>
        form.Any(p => p.Key.StartsWith("expand[", StringComparison.Ordinal) && p.Value == LatestChargeField);

    private static bool ExpandsLatestCharge(IQueryCollection query) =>
        query.Any(p => p.Key.StartsWith("expand[", StringComparison.Ordinal) && p.Value.Contains(LatestChargeField));
}
