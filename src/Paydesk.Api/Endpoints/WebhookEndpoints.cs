using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Paydesk.Application.Webhooks;

namespace Paydesk.Api.Endpoints;

internal static class WebhookEndpoints
{
    /// <summary>
    /// <c>POST /v1/webhooks/stripe</c>: no API key; the Stripe-Signature over the raw body is the
    /// authentication. 200 for an applied, duplicate or unhandled event; 400 when the signature is
    /// missing, wrong or stale (nothing changes).
    /// </summary>
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/webhooks/stripe", ReceiveAsync)
            .AllowAnonymous()
            .WithTags("Webhooks")
            .WithName("ReceiveStripeWebhook")
            .WithSummary("Receive a Stripe event")
            .WithDescription("Authenticated by the Stripe-Signature header, not an API key. Each event id is applied once; events are applied only where the payment's state allows.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Ok<WebhookAcknowledgement>> ReceiveAsync(HttpRequest request, HandleGatewayEventHandler handler, CancellationToken cancellationToken)
    {
        // The signature covers the exact bytes sent, so the body is read raw, never re-serialized.
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var payload = await reader.ReadToEndAsync(cancellationToken);
        var outcome = await handler.HandleAsync(payload, request.Headers["Stripe-Signature"].ToString(), cancellationToken);
        return TypedResults.Ok(new WebhookAcknowledgement(true, outcome == GatewayEventOutcome.Duplicate));
    }
}

internal sealed record WebhookAcknowledgement(bool Received, bool Duplicate);
