using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>A PaymentIntent, rendered in Stripe's JSON shape.</summary>
internal sealed class EmulatedPaymentIntent : EmulatedIntent
{
    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public string? Description { get; init; }

    /// <summary><c>automatic</c>, <c>automatic_async</c> (both capture at once) or <c>manual</c>.</summary>
    public string CaptureMethod { get; init; } = "automatic";

    public bool CapturesLater => CaptureMethod == "manual";

    public string? LatestCharge { get; set; }

    public long AmountReceived { get; set; }

    /// <summary>What a <c>requires_capture</c> intent may still capture; 0 otherwise.</summary>
    public long AmountCapturable { get; set; }

    public long? CanceledAt { get; set; }

    public string? CancellationReason { get; set; }

    public (string Code, string? DeclineCode, string Message)? LastPaymentError { get; set; }

    /// <summary>The intent; <paramref name="latestCharge"/> is the charge in place of its id (<c>expand[]=latest_charge</c>).</summary>
    public JsonObject ToJson(JsonObject? latestCharge = null)
    {
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "payment_intent",
            ["amount"] = Amount,
            ["amount_capturable"] = AmountCapturable,
            ["amount_received"] = AmountReceived,
            ["canceled_at"] = CanceledAt,
            ["cancellation_reason"] = CancellationReason,
            ["capture_method"] = CaptureMethod,
            ["client_secret"] = ClientSecret,
            ["confirmation_method"] = "automatic",
            ["created"] = Created,
            ["currency"] = Currency,
            ["customer"] = Customer,
            ["description"] = Description,
            ["latest_charge"] = latestCharge ?? (JsonNode?)LatestCharge,
            ["livemode"] = false,
            ["metadata"] = MetadataJson(),
            ["next_action"] = NextAction?.ToJson(),
            ["payment_method"] = PaymentMethod,
            ["payment_method_types"] = new JsonArray("card"),
            ["allowed_payment_method_types"] = new JsonArray("card"),
            ["status"] = Status,
            ["last_payment_error"] = LastPaymentError is { } error
                ? new JsonObject
                {
                    ["type"] = "card_error",
                    ["code"] = error.Code,
                    ["decline_code"] = error.DeclineCode,
                    ["message"] = error.Message,
                }
                : null,
        };
    }
}
