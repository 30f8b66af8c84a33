using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Paydesk.Api.Auth;
using Paydesk.Api.OpenApi;
using Paydesk.Application.Exports;
using Paydesk.Application.Reports;

namespace Paydesk.Api.Endpoints;

internal static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/reports").WithTags("Reports")
            .MapGet("/daily-totals", async Task<Results<Ok<DailyTotalsReport>, EmptyHttpResult>> (string? from, string? to, HttpContext httpContext, GetDailyTotalsHandler handler, CancellationToken cancellationToken) =>
            {
                var report = await handler.HandleAsync(new DailyTotalsQuery(from, to), cancellationToken);
                if (!WantsCsv(httpContext.Request))
                {
                    return TypedResults.Ok(report);
                }

                httpContext.Response.ContentType = PaymentCsvExport.ContentType;
                await DailyTotalsCsv.WriteAsync(report, httpContext.Response.Body, cancellationToken);
                return TypedResults.Empty;
            })
            .RequireAuthorization(ApiScopes.ReportsRead)
            .WithName("GetDailyTotals")
            .WithSummary("Totals per UTC day and currency")
            .WithDescription("from and to are YYYY-MM-DD, inclusive, at most 366 days apart. Charges count on the day they were made, refunds on the day they were made; amounts are minor units. JSON, or the same rows as CSV for 'Accept: text/csv'.")
            .ProducesCsv(DailyTotalsCsv.Names, alsoJson: true)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return v1;
    }

    // CSV only when asked for by name: a caller that accepts anything (*/*) keeps the JSON of old.
    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
}
