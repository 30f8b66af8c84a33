using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Paydesk.Api.OpenApi;

/// <summary>An example of a payment's history: a charge by one API key and a partial refund by another.</summary>
internal sealed class PaymentHistoryExample : IOpenApiOperationTransformer
{
    private const string ChargedAndPartlyRefunded = """
        {
          "data": [
            { "at": "2026-12-02T09:00:00.000001+00:00", "subjectType": "payment", "subject": "payment", "from": null, "to": "pending", "cause": "api", "actor": "checkout", "amount": null, "currency": null },
            { "at": "2026-12-02T09:00:00.412337+00:00", "subjectType": "payment", "subject": "payment", "from": "pending", "to": "succeeded", "cause": "api", "actor": "checkout", "amount": 1500, "currency": "USD" },
            { "at": "2026-12-02T09:05:10.020113+00:00", "subjectType": "refund", "subject": "0193f1c2-7d2e-7b3a-9c41-5e8f0a1b2c3d", "from": null, "to": "pending", "cause": "api", "actor": "support", "amount": 500, "currency": "USD" },
            { "at": "2026-12-02T09:05:10.310552+00:00", "subjectType": "refund", "subject": "0193f1c2-7d2e-7b3a-9c41-5e8f0a1b2c3d", "from": "pending", "to": "succeeded", "cause": "api", "actor": "support", "amount": 500, "currency": "USD" },
            { "at": "2026-12-02T09:05:10.310552+00:00", "subjectType": "payment", "subject": "payment", "from": "succeeded", "to": "partially_refunded", "cause": "api", "actor": "support", "amount": 500, "currency": "USD" }
          ]
        }
        """;

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId == "GetPaymentHistory"
            && operation.Responses?.TryGetValue("200", out var ok) == true
            && ok.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Example = JsonNode.Parse(ChargedAndPartlyRefunded);
        }

        return Task.CompletedTask;
    }
}
