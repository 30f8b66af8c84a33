using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.Exports;
using Paydesk.Application.Payments;

namespace Paydesk.Dashboard.Payments;

/// <summary>
/// The payments a search matches as a CSV attachment, through the export the API's
/// GET /v1/exports/payments uses: streamed from the database, the operator's cookie its authorization.
/// </summary>
internal sealed class PaymentsCsvResult(PaymentSearch criteria) : IActionResult
{
    public const string FileName = "payments.csv";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var export = http.RequestServices.GetRequiredService<PaymentCsvExport>();
        http.Response.ContentType = PaymentCsvExport.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename={FileName}";
        try
        {
            await export.WriteAsync(criteria, http.Response.Body, http.RequestAborted);
        }
        catch (ValidationException e) when (!http.Response.HasStarted)
        {
            // The export checks the filters before it writes a byte; a bad one is the caller's to fix.
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(string.Join(" ", e.Errors.Select(f => f.ErrorMessage)), http.RequestAborted);
        }
    }
}
