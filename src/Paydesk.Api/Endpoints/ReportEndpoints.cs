using Microsoft.AspNetCore.Http.HttpResults;
using Paydesk.Api.Auth;
using Paydesk.Application.Reports;

namespace Paydesk.Api.Endpoints;

internal static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/reports").WithTags("Reports")
            .MapGet("/daily-totals", async Task<Ok<DailyTotalsReport>> (string? from, string? to, GetDailyTotalsHandler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.HandleAsync(new DailyTotalsQuery(from, to), cancellationToken)))
            .RequireAuthorization(ApiScopes.ReportsRead)
            .WithName("GetDailyTotals")
            .WithSummary("Totals per UTC day and currency")
            .WithDescription("from and to are YYYY-MM-DD, inclusive, at most 366 days apart. Charges count on the day they were made, refunds on the day they were made; amounts are minor units.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return v1;
    }
}
