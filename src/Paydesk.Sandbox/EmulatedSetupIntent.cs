using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>A SetupIntent, rendered in Stripe's JSON shape.</summary>
internal sealed class EmulatedSetupIntent : EmulatedIntent
{
    public required string Usage { get; init; }

    public string? Description { get; init; }

    public string? CancellationReason { get; set; }

    public (string Code, string? DeclineCode, string Message)? LastSetupError { get; set; }

    public JsonObject ToJson()
    {
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "setup_intent",
            ["cancellation_reason"] = CancellationReason,
            ["client_secret"] = ClientSecret,
            ["created"] = Created,
            ["customer"] = Customer,
            ["description"] = Description,
            ["last_setup_error"] = LastSetupError is { } error
                ? new JsonObject
                {
                    ["type"] = "card_error",
                    ["code"] = error.Code,
                    ["decline_code"] = error.DeclineCode,
                    ["message"] = error.Message,
                }
                : null,
            ["livemode"] = false,
            ["metadata"] = MetadataJson(),
            ["next_action"] = NextAction?.ToJson(),
            ["payment_method"] = PaymentMethod,
            ["payment_method_types"] = new JsonArray("card"),
            ["allowed_payment_method_types"] = new JsonArray("card"),
            ["status"] = Status,
            ["usage"] = Usage,
        };
    }
}
