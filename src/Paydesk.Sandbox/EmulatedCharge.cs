using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>
/// The Charge a PaymentIntent's confirmation made (its <c>latest_charge</c>), rendered in Stripe's
/// JSON shape; an uncaptured one carries <c>payment_method_details.card.capture_before</c>.
/// </summary>
internal sealed class EmulatedCharge : EmulatedObject
{
    public required string PaymentIntent { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public string? Customer { get; init; }

    public required string PaymentMethod { get; init; }

    public required TestMethodBehaviour Card { get; init; }

    /// <summary><c>succeeded</c>, <c>pending</c> or <c>failed</c>.</summary>
    public required string Status { get; set; }

    public bool Captured { get; set; }

    public long AmountCaptured { get; set; }

    public long AmountRefunded { get; set; }

    /// <summary>Unix seconds after which an uncaptured authorization is released; null when captured at once.</summary>
    public long? CaptureBefore { get; set; }

    public bool Disputed { get; set; }

    public JsonObject ToJson()
    {
        var failed = Status == "failed";
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "charge",
            ["amount"] = Amount,
            ["amount_captured"] = AmountCaptured,
            ["amount_refunded"] = AmountRefunded,
            ["balance_transaction"] = null,
            ["captured"] = Captured,
            ["created"] = Created,
            ["currency"] = Currency,
            ["customer"] = Customer,
            ["disputed"] = Disputed,
            ["failure_code"] = failed ? Card.ErrorCode : null,
            ["failure_message"] = failed ? Card.Message : null,
            ["livemode"] = false,
            ["metadata"] = MetadataJson(),
            ["outcome"] = new JsonObject
            {
                ["network_status"] = failed ? "declined_by_network" : "approved_by_network",
                ["reason"] = failed ? Card.DeclineCode : null,
                ["type"] = failed ? "issuer_declined" : "authorized",
            },
            ["paid"] = Status == "succeeded",
            ["payment_intent"] = PaymentIntent,
            ["payment_method"] = PaymentMethod,
            ["payment_method_details"] = new JsonObject { ["type"] = "card", ["card"] = CardDetails(failed) },
            ["refunded"] = Captured ? AmountRefunded >= AmountCaptured : AmountRefunded >= Amount,
            ["status"] = Status,
        };
    }

    private JsonObject CardDetails(bool failed)
    {
        var card = new JsonObject
        {
            ["amount_authorized"] = failed ? null : Amount,
            ["brand"] = Card.Brand,
            ["country"] = "US",
            ["funding"] = "credit",
            ["last4"] = Card.Last4,
            ["network"] = Card.Brand,
        };

        // Stripe leaves capture_before out of a charge captured at once (Stripe.net reads it as a non-nullable date).
        if (CaptureBefore is { } captureBefore)
        {
            card["capture_before"] = captureBefore;
        }

        return card;
    }
}
