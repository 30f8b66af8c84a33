using System.Globalization;
using Paydesk.Api.Auth;
using Paydesk.Api.OpenApi;
using Paydesk.Application.Exports;
using Paydesk.Application.Payments;
using Paydesk.Application.Reports;

namespace Paydesk.Api.Endpoints;

/// <summary>GET /v1/exports/payments: every payment of a range of days as CSV, streamed from the database.</summary>
internal static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/exports").WithTags("Exports")
            .MapGet("/payments", async Task (string? from, string? to, HttpContext httpContext, PaymentCsvExport export, CancellationToken cancellationToken) =>
            {
                // Checked before the answer starts, so that a bad range is still a 400 problem.
                var range = ReportDateRange.Parse(from, to, maxDays: null);
                var criteria = new PaymentSearch(CreatedFrom: Rfc3339(range.Start), CreatedTo: Rfc3339(range.End));
                httpContext.Response.ContentType = PaymentCsvExport.ContentType;
                httpContext.Response.Headers.ContentDisposition = $"attachment; filename=payments-{range}.csv";
                await export.WriteAsync(criteria, httpContext.Response.Body, cancellationToken);
            })
            .RequireAuthorization(ApiScopes.ReportsRead)
            .WithName("ExportPayments")
            .WithSummary("Export the payments of a range of days as CSV")
            .WithDescription("from and to are YYYY-MM-DD, inclusive UTC days, as for the daily totals; any span. Every payment created in the range, oldest first, as RFC 4180 CSV streamed as it is read (an attachment named payments-FROM-TO.csv). Amounts are integer minor units; metadata is one column holding a JSON object; a text field that a spreadsheet would run as a formula starts with an apostrophe.")
            .ProducesCsv(PaymentCsvColumns.Names, alsoJson: false)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return v1;
    }

    private static string Rfc3339(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
