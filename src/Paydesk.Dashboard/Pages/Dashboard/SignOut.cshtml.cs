using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paydesk.Dashboard.Security;

namespace Paydesk.Dashboard.Pages.Dashboard;

/// <summary>Sign-out is a POST with the antiforgery token, so no link or image elsewhere can sign an operator out.</summary>
[AllowedBeforePasswordChange]
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(DashboardAuthentication.SchemeName);
        return LocalRedirect(DashboardAuthentication.SignInPath);
    }
}
