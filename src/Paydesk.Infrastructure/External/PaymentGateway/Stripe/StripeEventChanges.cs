using System.Text.Json;
using Paydesk.Application.Abstractions;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// What a Stripe event says about Paydesk's payments and refunds, found by the ids Paydesk put in
/// the objects' metadata. Types Paydesk does not handle yield no change (they are acknowledged).
/// </summary>
internal static class StripeEventChanges
{
    public static IReadOnlyList<GatewayStateChange> Read(string type, JsonElement data) => type switch
    {
        "payment_intent.succeeded" => Payment(data, GatewayChange.PaymentSucceeded),
        "payment_intent.processing" => Payment(data, GatewayChange.PaymentProcessing),
        "payment_intent.requires_action" => Payment(data, GatewayChange.PaymentRequiresAction),
        "payment_intent.payment_failed" => PaymentFailed(data),
        "payment_intent.canceled" => Payment(data, GatewayChange.PaymentFailed, "payment_canceled", "The payment was canceled."),
        "refund.created" or "refund.updated" or "refund.failed" => Refund(data),
        "charge.refunded" => ChargeRefunds(data),
        _ => [],
    };

    private static IReadOnlyList<GatewayStateChange> Payment(JsonElement intent, GatewayChange kind, string? code = null, string? message = null) =>
        Metadata(intent, StripeMetadata.PaymentId) is { } paymentId && Text(intent, "id") is { } reference
            ? [new GatewayStateChange(kind, paymentId, reference, FailureCode: code, FailureMessage: message)]
            : [];

    private static IReadOnlyList<GatewayStateChange> PaymentFailed(JsonElement intent)
    {
        string? code = null;
        string? declineCode = null;
        if (intent.TryGetProperty("last_payment_error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            code = Text(error, "code");
            declineCode = Text(error, "decline_code");
        }

        if (code == "authentication_required")
        {
            return Payment(intent, GatewayChange.PaymentRequiresAction);
        }

        var (safeCode, message) = StripeOutcomes.SafeFailure(code, declineCode);
        return Payment(intent, GatewayChange.PaymentFailed, safeCode, message);
    }

    private static IReadOnlyList<GatewayStateChange> Refund(JsonElement refund)
    {
        if (Metadata(refund, StripeMetadata.PaymentId) is not { } paymentId
            || Metadata(refund, StripeMetadata.RefundId) is not { } refundId
            || Text(refund, "id") is not { } reference)
        {
            return [];
        }

        return Text(refund, "status") switch
        {
            "succeeded" => [new GatewayStateChange(GatewayChange.RefundSucceeded, paymentId, reference, refundId)],
            "failed" or "canceled" => [new GatewayStateChange(GatewayChange.RefundFailed, paymentId, reference, refundId, Text(refund, "failure_reason") ?? "refund_failed")],
            _ => [],
        };
    }

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

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
