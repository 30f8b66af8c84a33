using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Razor.Compilation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Dashboard.Payments;
using Paydesk.Dashboard.Security;

namespace Paydesk.Dashboard;

/// <summary>The operator dashboard under /dashboard: server-rendered Razor Pages, cookie sign-in, its own assets.</summary>
public static class DashboardRegistration
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
            {
                // Every page needs a signed-in operator unless it says otherwise; actions need an admin on top.
                options.Conventions.AuthorizeFolder("/Dashboard", DashboardPolicies.Viewer);
                options.Conventions.AllowAnonymousToPage("/Dashboard/SignIn");

                // Pages show payments and people: never kept by a browser or proxy cache.
                options.Conventions.ConfigureFilter(new ResponseCacheAttribute { NoStore = true, Location = ResponseCacheLocation.None });
                options.Conventions.ConfigureFilter(new PasswordChangeFilter());
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // The host finds the pages by its reference already; a host that does not gets them here.
                var assembly = typeof(DashboardRegistration).Assembly;
                if (!parts.ApplicationParts.Any(p => p is AssemblyPart part && part.Assembly == assembly))
                {
                    parts.ApplicationParts.Add(new CompiledRazorAssemblyPart(assembly));
                }
            });
        DashboardAuthentication.Add(services);
        services.AddAuthorization(DashboardPolicies.Add);
        services.AddScoped<OperatorActions>();
        services.AddHostedService<DevelopmentOperatorSeed>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDashboardAssets();
        endpoints.MapRazorPages();
        return endpoints;
    }
}
