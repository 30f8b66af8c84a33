using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Paydesk.Api.Auth;
using Paydesk.Api.OpenApi;
using Paydesk.Application.Payments;

namespace Paydesk.Api.Endpoints;

/// <summary>GET /v1/payments: every payment, filtered, newest first, a page at a time.</summary>
internal static class PaymentSearchEndpoints
{
    public static RouteGroupBuilder MapPaymentSearchEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/payments").WithTags("Payments")
            .MapGet("/", async Task<Ok<PaymentPage>> (
                string? status, string? currency, string? userId, string? createdFrom, string? createdTo, int? limit, string? cursor,
                HttpRequest request, ClaimsPrincipal caller, CursorBinding cursors, SearchPaymentsHandler handler, CancellationToken cancellationToken) =>
            {
                var criteria = new PaymentSearch(status, currency, userId, createdFrom, createdTo, MetadataQuery.Read(request.Query), limit, cursors.Unbind(cursor, caller));
                var page = await handler.HandleAsync(criteria, cancellationToken);
                return TypedResults.Ok(page with { NextCursor = cursors.Bind(page.NextCursor, caller) });
            })
            .RequireAuthorization(ApiScopes.PaymentsRead)
            .WithName("SearchPayments")
            .WithSummary("List payments, filtered, newest first")
            .WithDescription("Every filter given must hold. status is one payment status, currency an ISO 4217 code, userId a user's id; createdFrom (inclusive) and createdTo (exclusive) are RFC 3339 timestamps with an offset (write + as %2B). metadata[key]=value keeps the payments whose metadata has that key with exactly that value; give up to 10, all must hold. Keyset paging: pass the nextCursor of one page as the cursor of the next, with the same filters (a cursor from another search is a 400); payments created meanwhile never shift a page. limit is 1 to 100, default 20.")
            .AddOpenApiOperationTransformer(SearchPaymentsParameters.DescribeAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return v1;
    }
}
