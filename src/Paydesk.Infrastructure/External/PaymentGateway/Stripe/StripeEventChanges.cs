using System.Text.Json;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// What a Stripe event says about Paydesk's payments and refunds, found by the ids Paydesk put in
/// the objects' metadata. Types Paydesk does not handle yield no change (they are acknowledged).
/// </summary>
internal static class StripeEventChanges
{
    // Each payment_intent event names the status the intent reached; the outcome is read from that
    // status as the API's answers are.
    public static IReadOnlyList<GatewayStateChange> Read(string type, JsonElement data) => type switch
    {
        "payment_intent.succeeded" => Payment(data, "succeeded"),
        "payment_intent.processing" => Payment(data, "processing"),
        "payment_intent.requires_action" => Payment(data, "requires_action"),
        "payment_intent.payment_failed" => Payment(data, "requires_payment_method"),
        "payment_intent.canceled" => Payment(data, "canceled"),
        "payment_intent.amount_capturable_updated" => Payment(data, "requires_capture"),
        "refund.created" or "refund.updated" or "refund.failed" => Refund(data),
        "charge.refunded" => ChargeRefunds(data),
        _ => [],
    };

    private static IReadOnlyList<GatewayStateChange> Payment(JsonElement intent, string status)
    {
        if (Metadata(intent, StripeMetadata.PaymentId) is not { } paymentId || Text(intent, "id") is not { } reference)
        {
            return [];
        }

        var error = Child(intent, "last_payment_error");
        var nextAction = Child(intent, "next_action");
        var outcome = StripeOutcomes.FromPaymentIntent(new StripeIntentState(reference, status, Text(error, "code"), Text(error, "decline_code"))
        {
            CancellationReason = Text(intent, "cancellation_reason"),
            NextActionType = Text(nextAction, "type"),
            RedirectUrl = Text(Child(nextAction, "redirect_to_url"), "url"),
            ClientSecret = Text(intent, "client_secret"),
            AmountCapturable = Number(intent, "amount_capturable"),
            AmountReceived = Number(intent, "amount_received"),
        });
        return outcome is null ? [] : [new GatewayStateChange(paymentId, outcome)];
    }

    // A refund still pending changes nothing, so it yields no change.
    private static IReadOnlyList<GatewayStateChange> Refund(JsonElement refund) =>
        Metadata(refund, StripeMetadata.PaymentId) is { } paymentId
            && Metadata(refund, StripeMetadata.RefundId) is { } refundId
            && Text(refund, "id") is { } reference
            && StripeOutcomes.FromRefund(reference, Text(refund, "status"), Text(refund, "failure_reason")) is { Status: not GatewayRefundStatus.Pending } outcome
            ? [new GatewayStateChange(paymentId, null, refundId, outcome)]
            : [];

    // A charge lists its refunds only in some API versions; where it does, each is applied.
    private static IReadOnlyList<GatewayStateChange> ChargeRefunds(JsonElement charge) =>
        charge.TryGetProperty("refunds", out var refunds) && refunds.ValueKind == JsonValueKind.Object
            && refunds.TryGetProperty("data", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().SelectMany(Refund)]
            : [];

    private static Guid? Metadata(JsonElement obj, string key) =>
        obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && Text(metadata, key) is { } value && Guid.TryParse(value, out var id)
            ? id
            : null;

    private static JsonElement Child(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : default;

    private static long? Number(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
