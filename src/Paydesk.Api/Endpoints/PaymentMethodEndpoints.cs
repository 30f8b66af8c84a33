using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Paydesk.Api.Auth;
using Paydesk.Application.PaymentMethods;

namespace Paydesk.Api.Endpoints;

/// <summary>
/// A user's saved payment methods: setups for the frontend to confirm, methods attached directly,
/// the list, the default and detaching. No route moves money, so none requires an Idempotency-Key;
/// each call that creates something at the gateway sends it a key derived from Paydesk's ids.
/// </summary>
internal static class PaymentMethodEndpoints
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapPaymentMethodEndpoints(this RouteGroupBuilder v1)
    {
        var users = v1.MapGroup("/users/{id}").WithTags("Payment methods");

        users.MapPost("/payment-method-setups", CreateSetupAsync)
            .RequireAuthorization(ApiScopes.UsersWrite)
            .WithName("CreatePaymentMethodSetup")
            .WithSummary("Start saving a card: a SetupIntent for the frontend to confirm")
            .WithDescription("Creates the user's Stripe customer on first use, then a SetupIntent (usage off_session). Confirm it in the browser with Stripe.js and the clientSecret; the setup_intent.succeeded webhook or GET on the setup saves the card. An optional Idempotency-Key header makes a repeat answer the same setup.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        users.MapGet("/payment-method-setups/{setupId}", async Task<Ok<PaymentMethodSetupResponse>> (
                Guid id, string setupId, GetPaymentMethodSetupHandler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.HandleAsync(id, setupId, cancellationToken)))
            .RequireAuthorization(ApiScopes.UsersWrite)
            .WithName("GetPaymentMethodSetup")
            .WithSummary("Check a setup at the gateway now; a succeeded one saves its card")
            .WithDescription("Asks Stripe for the SetupIntent's status. When it succeeded, its payment method is saved for the user (as the webhook would), so the card is listed afterwards.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        users.MapPost("/payment-methods", async Task<Created<PaymentMethodResponse>> (
                Guid id, AttachPaymentMethodCommand body, AttachPaymentMethodHandler handler, CancellationToken cancellationToken) =>
            {
                var method = await handler.HandleAsync(id, body, cancellationToken);
                return TypedResults.Created($"/v1/users/{id}/payment-methods", method);
            })
            .RequireAuthorization(ApiScopes.UsersWrite)
            .WithName("AttachPaymentMethod")
            .WithSummary("Save a payment method the frontend created")
            .WithDescription("Attaches the method (pm_…, or a Stripe test method such as pm_card_visa, which becomes a new pm_…) to the user's Stripe customer. The user's first method becomes the default; default: true makes this one the default.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        users.MapGet("/payment-methods", async Task<Ok<PaymentMethodList>> (Guid id, ListPaymentMethodsHandler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.HandleAsync(id, cancellationToken)))
            .RequireAuthorization(ApiScopes.UsersRead)
            .WithName("ListPaymentMethods")
            .WithSummary("List a user's saved payment methods")
            .WithDescription("Oldest first. Each shows the card's brand, last four digits and expiry; never the number.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapDelete("/payment-methods/{pmId}", async Task<NoContent> (Guid id, string pmId, DetachPaymentMethodHandler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, pmId, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(ApiScopes.UsersWrite)
            .WithName("DetachPaymentMethod")
            .WithSummary("Remove a saved payment method (detached at Stripe)")
            .WithDescription("If it was the default, the user has no default until another is made so.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        users.MapPost("/payment-methods/{pmId}/default", async Task<Ok<PaymentMethodResponse>> (
                Guid id, string pmId, SetDefaultPaymentMethodHandler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.HandleAsync(id, pmId, cancellationToken)))
            .RequireAuthorization(ApiScopes.UsersWrite)
            .WithName("SetDefaultPaymentMethod")
            .WithSummary("Make a saved payment method the default")
            .WithDescription("The default is charged when POST /v1/payments names neither a paymentMethodId nor a source.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return v1;
    }

    private static async Task<Created<PaymentMethodSetupResponse>> CreateSetupAsync(
        Guid id,
        ClaimsPrincipal caller,
        HttpContext httpContext,
        CreatePaymentMethodSetupHandler handler,
        CancellationToken cancellationToken)
    {
        // Optional here (a setup moves no money), so read from the request rather than bound: the
        // document's Idempotency-Key parameter is the required one of the money-moving routes.
        var key = httpContext.Request.Headers[IdempotencyKeyHeader].ToString();
        var setup = await handler.HandleAsync(id, caller.Idempotency(key.Length == 0 ? null : key), cancellationToken);
        return TypedResults.Created($"/v1/users/{id}/payment-method-setups/{setup.Id}", setup);
    }
}
