using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

// The emulator's stored objects, rendered in Stripe's JSON shapes (snake_case, "object" tag).

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
    public string? Email { get; set; }

    public string? Name { get; set; }

    /// <summary><c>invoice_settings.default_payment_method</c>: an attached method's id, or null.</summary>
    public string? DefaultPaymentMethod { get; set; }

    public JsonObject ToJson()
    {
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "customer",
            ["email"] = Email,
            ["name"] = Name,
            ["created"] = Created,
            ["invoice_settings"] = new JsonObject
            {
                ["custom_fields"] = null,
                ["default_payment_method"] = DefaultPaymentMethod,
                ["footer"] = null,
            },
            ["livemode"] = false,
            ["metadata"] = MetadataJson(),
        };
    }
}
