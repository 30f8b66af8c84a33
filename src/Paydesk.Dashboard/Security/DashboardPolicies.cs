using Microsoft.AspNetCore.Authorization;
using Paydesk.Domain.Operators;

namespace Paydesk.Dashboard.Security;

/// <summary>
/// Who may see and do what on the dashboard. Every dashboard page needs <see cref="Viewer"/> (set on
/// the folder); a page or handler that changes anything needs <see cref="Admin"/>, checked on the
/// server, not only by hiding its button.
/// </summary>
public static class DashboardPolicies
{
    public const string Viewer = "dashboard-viewer";
    public const string Admin = "dashboard-admin";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, policy => policy
            .AddAuthenticationSchemes(DashboardAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(OperatorRoles.Viewer, OperatorRoles.Admin));
        options.AddPolicy(Admin, policy => policy
            .AddAuthenticationSchemes(DashboardAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(OperatorRoles.Admin));
    }
}
