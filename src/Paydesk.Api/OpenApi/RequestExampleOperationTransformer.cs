using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Paydesk.Api.OpenApi;

/// <summary>Example bodies for the main requests, by operation id, so "try it" starts from a valid request.</summary>
internal sealed class RequestExampleOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["RegisterUser"] = """{ "email": "ada@example.com", "name": "Ada Lovelace", "metadata": { "crm_id": "C-1042" } }""",
        ["CreatePayment"] = """{ "userId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "amount": 1500, "currency": "USD", "source": "pm_card_visa", "description": "Order 42", "metadata": { "order_id": "42" } }""",
        ["AttachPaymentMethod"] = """{ "paymentMethod": "pm_card_visa", "default": true }""",
        ["CapturePayment"] = """{ "amount": 1200 }""",
        ["CancelPayment"] = """{ "reason": "Order canceled before shipping" }""",
                ["RefundPayment"] = """{ "amount": 500, "reason": "Damaged in transit", "metadata": { "return_id": "R-7" } }""",
        ["CreateWebhookEndpoint"] = """{ "url": "https://example.com/paydesk/webhooks", "eventTypes": ["payment.*"], "description": "Order service" }""",
        ["UpdateWebhookEndpoint"] = """{ "eventTypes": ["payment.succeeded", "payment.refunded"], "enabled": true }""",
        ["RedeliverEvent"] = """{ "endpointId": "0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b" }""",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is { } id && Examples.TryGetValue(id, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Example = JsonNode.Parse(example);
        }

        return Task.CompletedTask;
    }
}
