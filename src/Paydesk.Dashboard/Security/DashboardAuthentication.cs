using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Paydesk.Application.Operators;

namespace Paydesk.Dashboard.Security;

/// <summary>
/// The dashboard's own cookie scheme, beside the API's key scheme: the API never accepts the cookie
/// (its policies name the key scheme) and the dashboard never accepts a key (its policies name this).
/// </summary>
public static class DashboardAuthentication
{
    public const string SchemeName = "DashboardCookie";
    public const string CookieName = "paydesk_dashboard";
    public const string AntiforgeryCookieName = "paydesk_dashboard_af";
    public const string SignInPath = "/dashboard/sign-in";
    private const string CookiePath = "/dashboard";

    internal static void Add(IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(SchemeName, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.Path = CookiePath;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.IsEssential = true;
            options.LoginPath = SignInPath;
            options.LogoutPath = "/dashboard/sign-out";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = ValidateAgainstStoreAsync,

                // A signed-in operator without the role gets a plain 403, not a redirect.
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });
        services.AddOptions<CookieAuthenticationOptions>(SchemeName)
            .Configure<IHostEnvironment>((options, environment) => options.Cookie.SecurePolicy = SecurePolicy(environment));

        // The antiforgery cookie is Secure whenever the request is: with Always, the framework
        // refuses to render a form over plain http at all, and the token alone opens nothing.
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = AntiforgeryCookieName;
            options.Cookie.Path = CookiePath;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    // Development is served over plain http on localhost; everywhere else the cookies go over https only.
    private static CookieSecurePolicy SecurePolicy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>
    /// Every request checks the cookie against the operator as stored, so disabling an operator or
    /// changing the password ends sign-ins already made.
    /// </summary>
    private static async Task ValidateAgainstStoreAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.OperatorId();
        var session = id is null
            ? null
            : await context.HttpContext.RequestServices.GetRequiredService<OperatorQueries>().FindActiveSessionAsync(id.Value, context.HttpContext.RequestAborted);
        if (session is null || session.SecurityStamp != context.Principal!.SecurityStamp())
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
        }
    }
}
