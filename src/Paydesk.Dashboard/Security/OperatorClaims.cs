using System.Globalization;
using System.Security.Claims;
using Paydesk.Application.Operators;
using Paydesk.Domain.Operators;

namespace Paydesk.Dashboard.Security;

/// <summary>What the dashboard cookie says about its operator, and how to read it back.</summary>
public static class OperatorClaims
{
    public const string SecurityStampType = "paydesk:security_stamp";
    public const string MustChangePasswordType = "paydesk:must_change_password";

    public static ClaimsPrincipal ToPrincipal(OperatorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, session.Id.ToString()),
                new Claim(ClaimTypes.Name, session.Name),
                new Claim(ClaimTypes.Role, session.Role.ToName()),
                new Claim(SecurityStampType, session.SecurityStamp),
                new Claim(MustChangePasswordType, session.MustChangePassword ? "true" : "false"),
            ],
            DashboardAuthentication.SchemeName);
        return new ClaimsPrincipal(identity);
    }

    public static Guid? OperatorId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The signed-in operator's name, as history entries and logs record it.</summary>
    public static string OperatorName(this ClaimsPrincipal user) => user?.Identity?.Name ?? string.Empty;

    public static bool IsAdmin(this ClaimsPrincipal user) => user?.IsInRole(OperatorRoles.Admin) == true;

    public static bool MustChangePassword(this ClaimsPrincipal user) => user?.FindFirstValue(MustChangePasswordType) == "true";

    public static string? SecurityStamp(this ClaimsPrincipal user) => user?.FindFirstValue(SecurityStampType);
}
