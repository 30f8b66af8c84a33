using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.Config;

namespace Paydesk.Api.Http;

/// <summary>
/// The transport-level switches, all from configuration and all off by default: forwarded
/// headers (only from the configured proxies), HTTPS redirection, HSTS and CORS.
/// </summary>
internal static class HttpSecurity
{
    public const string CorsPolicyName = "configured-origins";

    public static IServiceCollection AddPaydeskHttpSecurity(this IServiceCollection services)
    {
        services.AddValidatedOptions<HttpsOptions>(HttpsOptions.SectionName);
        services.AddValidatedOptions<ProxyOptions>(ProxyOptions.SectionName);
        services.AddValidatedOptions<CorsOriginsOptions>(CorsOriginsOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // The framework trusts loopback by default; only the configured proxies are trusted here.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

        services.AddOptions<HstsOptions>().Configure<IOptions<HttpsOptions>>((hsts, https) =>
        {
            hsts.MaxAge = TimeSpan.FromDays(https.Value.HstsMaxAgeDays);
            hsts.IncludeSubDomains = true;
        });

        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<HttpsOptions>>((redirection, https) =>
        {
            redirection.HttpsPort = https.Value.Port;
            redirection.RedirectStatusCode = StatusCodes.Status307TemporaryRedirect;
        });

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<CorsOriginsOptions>>((cors, origins) =>
            cors.AddPolicy(CorsPolicyName, policy => policy
                .WithOrigins([.. origins.Value.AllowedOrigins])
                .WithHeaders("Authorization", "Content-Type", "Idempotency-Key")
                .WithMethods("GET", "POST")
                .WithExposedHeaders("Location", "Retry-After", "Idempotent-Replayed")));
        return services;
    }

    /// <summary>The first middleware: who the caller really is, before anything looks at it.</summary>
    public static IApplicationBuilder UseConfiguredForwardedHeaders(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>().Value;
        return proxies.KnownProxies.Count > 0 ? app.UseForwardedHeaders() : app;
    }

    public static IApplicationBuilder UseConfiguredTransportSecurity(this IApplicationBuilder app)
    {
        var https = app.ApplicationServices.GetRequiredService<IOptions<HttpsOptions>>().Value;
        if (https.Hsts)
        {
            app.UseHsts();
        }

        if (https.Redirect)
        {
            app.UseHttpsRedirection();
        }

        var cors = app.ApplicationServices.GetRequiredService<IOptions<CorsOriginsOptions>>().Value;
        return cors.AllowedOrigins.Count > 0 ? app.UseCors(CorsPolicyName) : app;
    }
}
