using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>A dispute of a charge, rendered in Stripe's JSON shape.</summary>
internal sealed class EmulatedDispute : EmulatedObject
{
    /// <summary>The evidence fields Stripe's dispute object has; the file fields hold file ids.</summary>
    public static readonly IReadOnlyList<string> EvidenceFields =
    [
        "access_activity_log", "billing_address", "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal",
        "customer_communication", "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
        "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id", "product_description", "receipt",
        "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date", "service_documentation",
        "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
        "uncategorized_file", "uncategorized_text",
    ];

    public required string Charge { get; init; }

    public required string PaymentIntent { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string Reason { get; init; }

    /// <summary>One of Stripe's statuses: <c>needs_response</c>, <c>under_review</c>, <c>won</c>, <c>lost</c>.</summary>
    public required string Status { get; set; }

    /// <summary>Unix seconds by which evidence must be submitted.</summary>
    public required long DueBy { get; init; }

    public Dictionary<string, string> Evidence { get; } = new(StringComparer.Ordinal);

    public int SubmissionCount { get; set; }

    /// <summary>The funds movements: the withdrawal when it opened, and a reinstatement if it was won.</summary>
    public List<(string Id, long Amount, long Created, string Description)> BalanceTransactions { get; } = [];

    public bool IsClosed => Status is "won" or "lost";

    public JsonObject ToJson()
    {
        var evidence = new JsonObject();
        foreach (var field in EvidenceFields)
        {
            evidence[field] = Evidence.GetValueOrDefault(field);
        }

        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "dispute",
            ["amount"] = Amount,
            ["balance_transactions"] = new JsonArray([.. BalanceTransactions.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id,
                ["object"] = "balance_transaction",
                ["amount"] = t.Amount,
                ["available_on"] = t.Created,
                ["created"] = t.Created,
                ["currency"] = Currency,
                ["description"] = t.Description,
                ["fee"] = 0,
                ["fee_details"] = new JsonArray(),
                ["net"] = t.Amount,
                ["reporting_category"] = t.Amount < 0 ? "dispute" : "dispute_reversal",
                ["source"] = Id,
                ["status"] = "available",
                ["type"] = "adjustment",
            })]),
            ["charge"] = Charge,
            ["created"] = Created,
            ["currency"] = Currency,
            ["evidence"] = evidence,
            ["evidence_details"] = new JsonObject
            {
                ["due_by"] = DueBy,
                ["has_evidence"] = Evidence.Count > 0,
                ["past_due"] = false,
                ["submission_count"] = SubmissionCount,
            },
            ["is_charge_refundable"] = false,
            ["livemode"] = false,
            ["metadata"] = MetadataJson(),
            ["payment_intent"] = PaymentIntent,
            ["reason"] = Reason,
            ["status"] = Status,
        };
    }
}
