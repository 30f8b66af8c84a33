using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>A PaymentIntent, rendered in Stripe's JSON shape.</summary>
internal sealed class EmulatedPaymentIntent : EmulatedIntent
{
    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public string? Description { get; init; }

    public string? LatestCharge { get; set; }

    public long AmountReceived { get; set; }

    public long? CanceledAt { get; set; }

    public string? CancellationReason { get; set; }

    public (string Code, string? DeclineCode, string Message)? LastPaymentError { get; set; }

    public JsonObject ToJson()
    {
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "payment_intent",
            ["amount"] = Amount,
            ["amount_received"] = AmountReceived,
            ["canceled_at"] = CanceledAt,
            ["cancellation_reason"] = CancellationReason,
            ["capture_method"] = "automatic",
            ["client_secret"] = ClientSecret,
            ["confirmation_method"] = "automatic",
            ["created"] = Created,
            ["currency"] = Currency,
            ["customer"] = Customer,
            ["description"] = Description,
            ["latest_charge"] = LatestCharge,
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
