using System.Text.Json;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// What a <c>charge.dispute.*</c> event says about a dispute; null for other events. Each event
/// carries the whole dispute, so every type is read alike: its status and its balance transactions
/// are the truth, and the event's type only fills in funds the object does not list.
/// </summary>
internal static class StripeDisputeEvents
{
    public static GatewayDisputeReport? Read(string type, JsonElement dispute) => type switch
    {
        "charge.dispute.created" or "charge.dispute.updated" or "charge.dispute.closed"
            or "charge.dispute.funds_withdrawn" or "charge.dispute.funds_reinstated" => Report(type, dispute),
        _ => null,
    };

    private static GatewayDisputeReport? Report(string type, JsonElement dispute)
    {
        if (Text(dispute, "id") is not { } id || Id(dispute, "payment_intent") is not { } paymentIntent
            || Text(dispute, "status") is not { } status || !DisputeStatuses.IsKnown(status)
            || Long(dispute, "amount") is not { } amount || amount <= 0 || Text(dispute, "currency") is not { } currency)
        {
            return null;
        }

        var (withdrawn, reinstated) = Funds(dispute);
        if (type == "charge.dispute.funds_withdrawn")
        {
            withdrawn = Math.Max(withdrawn, amount);
        }
        else if (type == "charge.dispute.funds_reinstated")
        {
            reinstated = Math.Max(reinstated, amount);
        }

        var created = Long(dispute, "created") is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UnixEpoch;
        var dueBy = Child(dispute, "evidence_details") is { ValueKind: JsonValueKind.Object } details && Long(details, "due_by") is { } due
            ? DateTimeOffset.FromUnixTimeSeconds(due)
            : (DateTimeOffset?)null;
        return new GatewayDisputeReport(
            paymentIntent,
            new GatewayDispute(id, amount, currency, Text(dispute, "reason") ?? "general", status, created, dueBy, withdrawn, reinstated));
    }

    // A withdrawal is a negative balance transaction, a reinstatement a positive one.
    private static (long Withdrawn, long Reinstated) Funds(JsonElement dispute)
    {
        if (!dispute.TryGetProperty("balance_transactions", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return (0, 0);
        }

        long withdrawn = 0, reinstated = 0;
        foreach (var transaction in list.EnumerateArray())
        {
            switch (Long(transaction, "amount"))
            {
                case < 0 and var taken:
                    withdrawn -= taken;
                    break;
                case > 0 and var given:
                    reinstated += given;
                    break;
            }
        }

        return (withdrawn, reinstated);
    }

    private static long? Long(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    private static JsonElement Child(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : default;

    // An expanded field is an object with its id; an unexpanded one is the id itself.
    private static string? Id(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? Text(value, "id") : Text(obj, name);

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
