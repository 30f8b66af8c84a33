using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Paydesk.Api.OpenApi;

/// <summary>An example of a payment's disputes: one the customer's bank opened and the merchant won.</summary>
internal sealed class DisputeListExample : IOpenApiOperationTransformer
{
    private const string Won = """
        {
          "data": [
            {
              "id": "du_1QxStu90Vwx12Yz", "paymentId": "0b9d4c1e-7f3a-4d2b-9c61-2a8e5f4d3b10",
              "amount": 1500, "currency": "USD", "reason": "fraudulent", "status": "won",
              "evidenceDueBy": "2026-12-15T10:00:00+00:00", "openedAt": "2026-12-08T10:00:00+00:00", "closedAt": "2026-12-10T09:30:00+00:00",
              "fundsWithdrawn": 1500, "fundsReinstated": 1500
            }
          ]
        }
        """;

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId == "ListPaymentDisputes"
            && operation.Responses?.TryGetValue("200", out var ok) == true
            && ok.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Example = JsonNode.Parse(Won);
        }

        return Task.CompletedTask;
    }
}
