using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Paydesk.Api.Auth;
using Paydesk.Application.Common;
using Paydesk.Application.Payments;

namespace Paydesk.Api.Endpoints;

internal static class PaymentEndpoints
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string ReplayedHeader = "Idempotent-Replayed";

    public static RouteGroupBuilder MapPaymentEndpoints(this RouteGroupBuilder v1)
    {
        var payments = v1.MapGroup("/payments").WithTags("Payments");

        payments.MapPost("/", CreateAsync)
            .RequireAuthorization(ApiScopes.PaymentsWrite)
            .WithName("CreatePayment")
            .WithSummary("Charge a user")
            .WithDescription("Requires an Idempotency-Key header. 201: the gateway decided (a declined card is a 201 with status 'failed'), or, for an on-session charge (offSession: false, with a returnUrl) whose card needs 3-D Secure, the payment is 'requires_action' with nextAction and clientSecret: send the payer to nextAction.url (or call Stripe.js handleNextAction with the clientSecret); the webhook then settles it. Off-session, such a card fails with authentication_required. 202: the outcome is not known yet. A repeat with the same key and body replays the first answer.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        payments.MapGet("/{id}", async Task<Ok<PaymentResponse>> (Guid id, ClaimsPrincipal caller, GetPaymentHandler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.HandleAsync(id, caller.HasClaim(ScopeRequirement.ClaimType, ApiScopes.PaymentsWrite), cancellationToken)))
            .RequireAuthorization(ApiScopes.PaymentsRead)
            .WithName("GetPayment")
            .WithSummary("Get a payment")
            .WithDescription("While the payment is 'requires_action', nextAction says what the payer must do; its url and the clientSecret are shown only to keys that also have payments:write.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        payments.MapGet("/{id}/disputes", async Task<Ok<DisputeList>> (Guid id, ListPaymentDisputesHandler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.HandleAsync(id, cancellationToken)))
            .RequireAuthorization(ApiScopes.PaymentsRead)
            .WithName("ListPaymentDisputes")
            .WithSummary("List a payment's disputes")
            .WithDescription("The disputes the customer's bank opened against the payment, oldest first, as the gateway's webhooks reported them: Stripe's status (needs_response, under_review, won, lost; warning_* for an inquiry), the evidence due date, and the funds withdrawn and reinstated. The payment's amountDisputed sums the open and lost ones.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        payments.MapGet("/{id}/history", async Task<Ok<PaymentHistory>> (Guid id, GetPaymentHistoryHandler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.HandleAsync(id, cancellationToken)))
            .RequireAuthorization(ApiScopes.PaymentsRead)
            .WithName("GetPaymentHistory")
            .WithSummary("List a payment's history")
            .WithDescription("Every state change of the payment and of its refunds and disputes, oldest first, written in the same commit as the change: at, subjectType and subject ('payment', the refund's id, the dispute's id), from (null when the change created the subject) and to (the status), cause ('api', 'webhook', 'reconciliation', 'dashboard', or 'system' for Paydesk's own background work), actor (the API key's name, the gateway event's id, the operator's name; null for reconciliation), and amount with currency where the change moved or held money (the charge, the authorization, the capture, a refund, a dispute). Payments made before the history existed have none.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        payments.MapPost("/{id}/refunds", RefundAsync)
            .RequireAuthorization(ApiScopes.RefundsWrite)
            .WithName("RefundPayment")
            .WithSummary("Refund a payment, fully or in part")
            .WithDescription("Requires an Idempotency-Key header. The amount defaults to all that remains refundable.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        payments.MapPost("/{id}/capture", CaptureAsync)
            .RequireAuthorization(ApiScopes.PaymentsWrite)
            .WithName("CapturePayment")
            .WithSummary("Capture an authorized payment, fully or in part")
            .WithDescription("Requires an Idempotency-Key header. For a payment created with capture 'manual' and now 'requires_capture': captures the amount (all that is authorized when left out) and releases the rest; the payment becomes 'succeeded' with amount (captured) and amountReleased. 409 capture_exceeds_authorized for more than amountCapturable, 409 payment_not_capturable for a payment in any other status. 202: the gateway's answer is not known yet. A repeat with the same key and body replays the first answer.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        payments.MapPost("/{id}/cancel", CancelAsync)
            .RequireAuthorization(ApiScopes.PaymentsWrite)
            .WithName("CancelPayment")
            .WithSummary("Cancel a payment before it is captured")
            .WithDescription("Requires an Idempotency-Key header. Cancels a payment that is 'requires_capture' (the authorization is released), 'requires_action', or 'pending' with a known gateway reference; it becomes 'canceled' with cancellationReason (the reason given, else requested_by_customer). 409 payment_not_cancelable for a captured payment (refund it instead) or one in any other status. 202: the gateway's answer is not known yet. A repeat with the same key and body replays the first answer.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return v1;
    }

    private static async Task<Results<Ok<PaymentResponse>, Accepted<PaymentResponse>>> CaptureAsync(
        Guid id,
        CapturePaymentCommand? body,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal caller,
        HttpContext httpContext,
        CapturePaymentHandler handler,
        CancellationToken cancellationToken) =>
        Answer(httpContext, await handler.HandleAsync(id, body ?? new CapturePaymentCommand(null), caller.Idempotency(idempotencyKey), cancellationToken));

    private static async Task<Results<Ok<PaymentResponse>, Accepted<PaymentResponse>>> CancelAsync(
        Guid id,
        CancelPaymentCommand? body,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal caller,
        HttpContext httpContext,
        CancelPaymentHandler handler,
        CancellationToken cancellationToken) =>
        Answer(httpContext, await handler.HandleAsync(id, body ?? new CancelPaymentCommand(null), caller.Idempotency(idempotencyKey), cancellationToken));

    private static Results<Ok<PaymentResponse>, Accepted<PaymentResponse>> Answer(HttpContext httpContext, PaymentChangeResult result)
    {
        MarkReplay(httpContext, result.Replayed);
        return result.Outcome == RequestOutcome.Pending
            ? TypedResults.Accepted($"/v1/payments/{result.Payment.Id}", result.Payment)
            : TypedResults.Ok(result.Payment);
    }

    private static async Task<Results<Created<PaymentResponse>, Accepted<PaymentResponse>>> CreateAsync(
        CreatePaymentCommand body,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal caller,
        HttpContext httpContext,
        CreatePaymentHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(body, caller.Idempotency(idempotencyKey), cancellationToken);
        MarkReplay(httpContext, result.Replayed);
        var location = $"/v1/payments/{result.Payment.Id}";
        return result.Outcome == RequestOutcome.Pending
            ? TypedResults.Accepted(location, result.Payment)
            : TypedResults.Created(location, result.Payment);
    }

    private static async Task<Results<Created<RefundResponse>, Accepted<RefundResponse>>> RefundAsync(
        Guid id,
        RefundPaymentCommand? body,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal caller,
        HttpContext httpContext,
        RefundPaymentHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, body ?? new RefundPaymentCommand(null, null), caller.Idempotency(idempotencyKey), cancellationToken);
        MarkReplay(httpContext, result.Replayed);
        var location = $"/v1/payments/{id}";
        return result.Outcome == RequestOutcome.Pending
            ? TypedResults.Accepted(location, result.Refund)
            : TypedResults.Created(location, result.Refund);
    }

    private static void MarkReplay(HttpContext httpContext, bool replayed)
    {
        if (replayed)
        {
            httpContext.Response.Headers[ReplayedHeader] = "true";
        }
    }
}
