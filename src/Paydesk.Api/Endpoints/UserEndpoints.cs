using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Paydesk.Api.Auth;
using Paydesk.Application.Payments;
using Paydesk.Application.Users;

namespace Paydesk.Api.Endpoints;

internal static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder v1)
    {
        var users = v1.MapGroup("/users").WithTags("Users");

        users.MapPost("/", async Task<Created<UserResponse>> (RegisterUserCommand body, RegisterUserHandler handler, CancellationToken cancellationToken) =>
            {
                var user = await handler.HandleAsync(body, cancellationToken);
                return TypedResults.Created($"/v1/users/{user.Id}", user);
            })
            .RequireAuthorization(ApiScopes.UsersWrite)
            .WithName("RegisterUser")
            .WithSummary("Register a user")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapGet("/{id}", async Task<Ok<UserResponse>> (Guid id, GetUserHandler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.HandleAsync(id, cancellationToken)))
            .RequireAuthorization(ApiScopes.UsersRead)
            .WithName("GetUser")
            .WithSummary("Get a user")
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapGet("/{id}/payments", async Task<Ok<PaymentPage>> (
                Guid id, int? limit, string? cursor, ClaimsPrincipal caller, CursorBinding cursors, ListUserPaymentsHandler handler, CancellationToken cancellationToken) =>
            {
                var page = await handler.HandleAsync(new ListUserPaymentsQuery(id, limit, cursors.Unbind(cursor, caller)), cancellationToken);
                return TypedResults.Ok(page with { NextCursor = cursors.Bind(page.NextCursor, caller) });
            })
            .RequireAuthorization(ApiScopes.PaymentsRead)
            .WithName("ListUserPayments")
            .WithSummary("List a user's payments, newest first")
            .WithDescription("Keyset paging: pass the nextCursor of one page as the cursor of the next. limit is 1 to 100, default 20.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }
}
