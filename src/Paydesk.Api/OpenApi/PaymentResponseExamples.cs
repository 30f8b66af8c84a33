using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Paydesk.Api.OpenApi;

/// <summary>
/// Named examples of a charge's 201 answer: one the gateway settled, and one that waits for the
/// payer to authenticate (3-D Secure), with what the frontend does next.
/// </summary>
internal sealed class PaymentResponseExamples : IOpenApiOperationTransformer
{
    private const string Succeeded = """
        {
          "id": "0b9d4c1e-7f3a-4d2b-9c61-2a8e5f4d3b10", "userId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
          "amount": 1500, "currency": "USD", "status": "succeeded", "source": "pm_card_visa", "description": "Order 42",
          "gatewayReference": "pi_3QxAbc12Def34Ghi", "failureCode": null, "failureMessage": null, "amountRefunded": 0,
          "createdAt": "2026-12-01T10:00:00+00:00", "updatedAt": "2026-12-01T10:00:01+00:00",
          "nextAction": null, "clientSecret": null, "metadata": { "order_id": "42" }
        }
        """;

    private const string RequiresAction = """
        {
          "id": "5e2f8a3b-1c4d-4e6f-8a9b-0c1d2e3f4a5b", "userId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
          "amount": 1500, "currency": "EUR", "status": "requires_action", "source": "pm_card_authenticationRequired", "description": "Order 43",
          "gatewayReference": "pi_3QxJkl56Mno78Pqr", "failureCode": null, "failureMessage": null, "amountRefunded": 0,
          "createdAt": "2026-12-01T10:05:00+00:00", "updatedAt": "2026-12-01T10:05:01+00:00",
          "nextAction": { "type": "redirect_to_url", "url": "https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=pi_3QxJkl56Mno78Pqr" },
          "clientSecret": "pi_3QxJkl56Mno78Pqr_secret_s3cr3tV4lu3", "metadata": {}
        }
        """;

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId == "CreatePayment"
            && operation.Responses?.TryGetValue("201", out var created) == true
            && created.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Examples = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal)
            {
                ["succeeded"] = new OpenApiExample { Summary = "The gateway charged the card", Value = JsonNode.Parse(Succeeded) },
                ["requiresAction"] = new OpenApiExample
                {
                    Summary = "On-session, the bank asks the payer to authenticate (3-D Secure)",
                    Description = "Send the payer to nextAction.url, or call Stripe.js handleNextAction with the clientSecret. The payment becomes 'succeeded' or 'failed' when the gateway's webhook arrives; left waiting past Payments:ActionTimeout it fails with authentication_abandoned.",
                    Value = JsonNode.Parse(RequiresAction),
                },
            };
        }

        return Task.CompletedTask;
    }
}
