using Paydesk.Api.Endpoints;
using Scalar.AspNetCore;

namespace Paydesk.Api;

internal static class PaydeskPipeline
{
    public static WebApplication UsePaydeskPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options.WithTitle("Paydesk API"));
        app.MapHealthEndpoints();
        app.MapWebhookEndpoints();

        app.MapGroup("/v1")
            .RequireAuthorization()
            .MapUserEndpoints()
            .MapPaymentEndpoints()
            .MapReportEndpoints();
        return app;
    }
}
