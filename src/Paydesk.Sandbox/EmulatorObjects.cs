using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

// The emulator's stored objects, rendered in Stripe's JSON shapes (snake_case, "object" tag).

internal sealed class EmulatedPaymentIntent : EmulatedObject
{
    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string PaymentMethod { get; init; }

    public string? Customer { get; init; }

    public string? Description { get; init; }

    public string Status { get; set; } = "requires_confirmation";

    public string? LatestCharge { get; set; }

    public long AmountReceived { get; set; }

    public (string Code, string? DeclineCode, string Message)? LastPaymentError { get; set; }

    public JsonObject ToJson()
    {
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "payment_intent",
            ["amount"] = Amount,
            ["amount_received"] = AmountReceived,
            ["currency"] = Currency,
            ["status"] = Status,
            ["confirmation_method"] = "automatic",
            ["capture_method"] = "automatic",
            ["created"] = Created,
            ["customer"] = Customer,
            ["description"] = Description,
            ["latest_charge"] = LatestCharge,
            ["livemode"] = false,
            ["metadata"] = MetadataJson(),
            ["payment_method"] = PaymentMethod,
            ["payment_method_types"] = new JsonArray("card"),
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

internal sealed class EmulatedRefund : EmulatedObject
{
    public required string PaymentIntent { get; init; }

    public required string Charge { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public string? Reason { get; init; }

    public string Status { get; set; } = "succeeded";

    public JsonObject ToJson()
    {
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "refund",
            ["amount"] = Amount,
            ["currency"] = Currency,
            ["charge"] = Charge,
            ["payment_intent"] = PaymentIntent,
            ["reason"] = Reason,
            ["status"] = Status,
            ["created"] = Created,
            ["metadata"] = MetadataJson(),
        };
    }
}

internal sealed class EmulatedCustomer : EmulatedObject
{
    public string? Email { get; init; }

    public string? Name { get; init; }

    public JsonObject ToJson()
    {
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "customer",
            ["email"] = Email,
            ["name"] = Name,
            ["created"] = Created,
            ["livemode"] = false,
            ["metadata"] = MetadataJson(),
        };
    }
}
