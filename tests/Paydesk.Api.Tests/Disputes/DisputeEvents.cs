using System.Text;
using System.Text.Json.Nodes;
using Paydesk.Sandbox;

namespace Paydesk.Api.Tests.Disputes;

/// <summary>Signed <c>charge.dispute.*</c> events in Stripe's shape, posted to the webhook as Stripe would.</summary>
internal static class DisputeEvents
{
    public static string NewEventId() => $"evt_test{Guid.NewGuid():N}";

    public static string NewDisputeId() => $"du_test{Guid.NewGuid():N}";

    /// <param name="balanceTransactions">The dispute's funds movements: negative withdrawn, positive reinstated.</param>
    public static string Body(
        string type,
        string disputeId,
        string paymentIntent,
        string status,
        DateTimeOffset created,
        long amount = 1500,
        long[]? balanceTransactions = null,
        string? eventId = null)
    {
        var dispute = new JsonObject
        {
            ["id"] = disputeId,
            ["object"] = "dispute",
            ["amount"] = amount,
            ["balance_transactions"] = new JsonArray([.. (balanceTransactions ?? []).Select(a => (JsonNode)new JsonObject
            {
                ["id"] = $"txn_test{Guid.NewGuid():N}",
                ["object"] = "balance_transaction",
                ["amount"] = a,
                ["currency"] = "usd",
            })]),
            ["charge"] = $"ch_test{Guid.NewGuid():N}",
            ["created"] = created.ToUnixTimeSeconds(),
            ["currency"] = "usd",
            ["evidence_details"] = new JsonObject { ["due_by"] = created.AddDays(7).ToUnixTimeSeconds(), ["has_evidence"] = false, ["past_due"] = false, ["submission_count"] = 0 },
            ["is_charge_refundable"] = false,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["payment_intent"] = paymentIntent,
            ["reason"] = "fraudulent",
            ["status"] = status,
        };
        return new JsonObject
        {
            ["id"] = eventId ?? NewEventId(),
            ["object"] = "event",
            ["api_version"] = "2025-01-27.acacia",
            ["created"] = created.ToUnixTimeSeconds(),
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = dispute },
        }.ToJsonString();
    }

    /// <param name="now">The service's clock, which judges the signature's age.</param>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient anonymous, string body, DateTimeOffset now)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", WebhookSigner.Sign(body, now.ToUnixTimeSeconds(), PaydeskApiFactory.WebhookSecret));
        return await anonymous.SendAsync(request);
    }
}
