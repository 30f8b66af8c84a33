using System.Text.Json;
using Paydesk.Application.Abstractions;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>What a <c>setup_intent.*</c> event says about saving a payment method; null for other events.</summary>
internal static class StripeSetupEvents
{
    public static GatewaySetupOutcome? Read(string type, JsonElement setup) => type switch
    {
        "setup_intent.succeeded" => Outcome(setup, succeeded: true),
        "setup_intent.setup_failed" => Outcome(setup, succeeded: false),
        _ => null,
    };

    private static GatewaySetupOutcome? Outcome(JsonElement setup, bool succeeded)
    {
        if (Text(setup, "id") is not { } id || !id.StartsWith("seti_", StringComparison.Ordinal))
        {
            return null;
        }

        var error = setup.TryGetProperty("last_setup_error", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        return new GatewaySetupOutcome(id, succeeded, Id(setup, "customer"), UserId(setup), Id(setup, "payment_method"), Text(error, "code"));
    }

    private static Guid? UserId(JsonElement setup) =>
        setup.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && Text(metadata, StripeMetadata.UserId) is { } value && Guid.TryParse(value, out var id)
            ? id
            : null;

    // An expanded field is an object with its id; an unexpanded one is the id itself.
    private static string? Id(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? Text(value, "id") : Text(obj, name);

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
