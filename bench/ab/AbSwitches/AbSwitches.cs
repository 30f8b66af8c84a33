using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

[assembly: HostingStartup(typeof(Paydesk.Bench.Ab.AbSwitches))]

namespace Paydesk.Bench.Ab;

/// <summary>
/// <c>PAYDESK_AB_OFF</c>, a comma-separated list: <c>auth</c> replaces the API key check with a
/// handler that accepts every request as the bench key; <c>routing</c> hands the payment read's
/// endpoint to the request before the router runs, so its matcher is skipped.
/// </summary>
public sealed class AbSwitches : IHostingStartup
{
    public void Configure(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var off = (Environment.GetEnvironmentVariable("PAYDESK_AB_OFF") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        builder.ConfigureServices(services =>
        {
            if (off.Contains("auth"))
            {
                services.PostConfigure<AuthenticationOptions>(options =>
                {
                    foreach (var scheme in options.Schemes.Where(s => s.Name == "ApiKey"))
                    {
                        scheme.HandlerType = typeof(AcceptEveryKeyHandler);
                    }
                });
            }

            if (off.Contains("routing"))
            {
                services.AddSingleton<IStartupFilter, PresetPaymentEndpoint>();
            }
        });
    }
}

internal sealed class AcceptEveryKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly ClaimsPrincipal Bench = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "bench"), new Claim("scope", "payments:read"), new Claim("scope", "users:read")], "ApiKey"));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Bench, "ApiKey")));
}

internal sealed class PresetPaymentEndpoint : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        RouteEndpoint? endpoint = null;
        app.Use((context, nextMiddleware) =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            if (HttpMethods.IsGet(context.Request.Method) && path.StartsWith("/v1/payments/", StringComparison.Ordinal) && path.IndexOf('/', 13) < 0)
            {
                endpoint ??= context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                    .Single(e => e.RoutePattern.RawText?.EndsWith("/payments/{id}", StringComparison.Ordinal) == true && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true);
                context.Request.RouteValues["id"] = path[13..];
                context.SetEndpoint(endpoint);
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
