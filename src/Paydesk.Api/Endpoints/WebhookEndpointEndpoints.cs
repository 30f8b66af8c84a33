using Microsoft.AspNetCore.Http.HttpResults;
using Paydesk.Api.Auth;
using Paydesk.Application.WebhookEndpoints;

namespace Paydesk.Api.Endpoints;

/// <summary>The company's own webhook endpoints, to which Paydesk posts signed events.</summary>
internal static class WebhookEndpointEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpointEndpoints(this RouteGroupBuilder v1)
    {
        var endpoints = v1.MapGroup("/webhook-endpoints").WithTags("Webhook endpoints");

        endpoints.MapPost("/", async Task<Created<WebhookEndpointSecretResponse>> (
                CreateWebhookEndpointCommand body, CreateWebhookEndpointHandler handler, CancellationToken cancellationToken) =>
            {
                var created = await handler.HandleAsync(body, cancellationToken);
                return TypedResults.Created($"/v1/webhook-endpoints/{created.Endpoint.Id}", created);
            })
            .RequireAuthorization(ApiScopes.WebhooksWrite)
            .WithName("CreateWebhookEndpoint")
            .WithSummary("Register a webhook endpoint")
            .WithDescription("eventTypes are exact types ('payment.succeeded'), prefixes ('payment.*') or '*'. The url must be https (outside Development). The answer carries the signing secret (whsec_...): it is shown this once.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        endpoints.MapGet("/", async Task<Ok<WebhookEndpointList>> (WebhookEndpointQueries queries, CancellationToken cancellationToken) =>
                TypedResults.Ok(await queries.ListAsync(cancellationToken)))
            .RequireAuthorization(ApiScopes.WebhooksRead)
            .WithName("ListWebhookEndpoints")
            .WithSummary("List the webhook endpoints, oldest first");

        endpoints.MapGet("/{id:guid}", async Task<Ok<WebhookEndpointResponse>> (Guid id, WebhookEndpointQueries queries, CancellationToken cancellationToken) =>
                TypedResults.Ok(await queries.GetAsync(id, cancellationToken)))
            .RequireAuthorization(ApiScopes.WebhooksRead)
            .WithName("GetWebhookEndpoint")
            .WithSummary("Get a webhook endpoint")
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapPatch("/{id:guid}", async Task<Ok<WebhookEndpointResponse>> (
                Guid id, UpdateWebhookEndpointCommand body, UpdateWebhookEndpointHandler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.HandleAsync(id, body, cancellationToken)))
            .RequireAuthorization(ApiScopes.WebhooksWrite)
            .WithName("UpdateWebhookEndpoint")
            .WithSummary("Change a webhook endpoint's url, event types, description or enabled state")
            .WithDescription("Fields left out stay as they are. Enabling an endpoint that Paydesk disabled starts its failure count afresh.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, WebhookEndpointQueries queries, CancellationToken cancellationToken) =>
            {
                await queries.DeleteAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(ApiScopes.WebhooksWrite)
            .WithName("DeleteWebhookEndpoint")
            .WithSummary("Delete a webhook endpoint")
            .WithDescription("Its pending deliveries are abandoned; its delivery log stays for the retention period.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapPost("/{id:guid}/rotate-secret", async Task<Ok<WebhookEndpointSecretResponse>> (
                Guid id, RotateWebhookSecretHandler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.HandleAsync(id, cancellationToken)))
            .RequireAuthorization(ApiScopes.WebhooksWrite)
            .WithName("RotateWebhookSecret")
            .WithSummary("Replace a webhook endpoint's signing secret")
            .WithDescription("The new secret is shown this once. For 24 hours deliveries carry two signatures, one per secret, so receivers can switch without missing a delivery.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }
}
