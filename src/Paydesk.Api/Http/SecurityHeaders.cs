using Paydesk.Dashboard.Security;

namespace Paydesk.Api.Http;

/// <summary>
/// Headers that stop a browser from sniffing, framing or leaking what the API answers. The API
/// serves only JSON, so its CSP allows nothing; the interactive reference under /docs is a page
/// with its own (bundled) script and styles, so it gets a CSP that allows exactly those from here;
/// the dashboard's pages get theirs (<see cref="DashboardContentSecurityPolicy"/>).
/// </summary>
internal static class SecurityHeaders
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public const string DocsPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Added when the answer starts, so answers rewritten by the exception handler (which
            // clears headers set earlier) carry them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = PolicyFor(context.Request.Path);
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static string PolicyFor(PathString path) =>
        path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase) ? DocsPolicy
        : path.StartsWithSegments(DashboardContentSecurityPolicy.PathPrefix, StringComparison.OrdinalIgnoreCase) ? DashboardContentSecurityPolicy.Value
        : ApiPolicy;
}
