using Paydesk.Api.Auth;
using Paydesk.Api.Endpoints;
using Paydesk.Api.Observability;
using Paydesk.Api.Http;
using Paydesk.Api.OpenApi;
using Paydesk.Dashboard;

namespace Paydesk.Api;

internal static class PaydeskPipeline
{
    public static WebApplication UsePaydeskPipeline(this WebApplication app)
    {
        app.UseRequestLogging();
        app.UseConfiguredForwardedHeaders();
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseConfiguredTransportSecurity();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapPaydeskApiReference();
        app.MapHealthEndpoints();
        app.MapPaydeskMetrics();
        app.MapWebhookEndpoints();
        app.MapDashboard();

        app.MapGroup("/v1")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimiting.PerApiKeyPolicy)
            .AddEndpointFilter<ApiKeyChangeOrigin>()
            .MapUserEndpoints()
            .MapPaymentEndpoints()
            .MapPaymentSearchEndpoints()
            .MapPaymentMethodEndpoints()
            .MapReportEndpoints()
            .MapExportEndpoints()
            .MapWebhookEndpointEndpoints()
            .MapEventEndpoints();
        return app;
    }
}
