using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paydesk.Application.Common;
using Paydesk.Application.Operators;
using Paydesk.Dashboard.Security;
using Paydesk.Domain.Common;

namespace Paydesk.Dashboard.Pages.Dashboard;

[AllowedBeforePasswordChange]
public sealed class ChangePasswordModel(ChangeOperatorPasswordHandler change) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var session = await change.HandleAsync(
                new ChangeOperatorPasswordCommand(User.OperatorId()!.Value, CurrentPassword ?? string.Empty, NewPassword ?? string.Empty),
                cancellationToken);

            // The new password gave the operator a new security stamp: this cookie carries it.
            await HttpContext.SignInAsync(DashboardAuthentication.SchemeName, OperatorClaims.ToPrincipal(session));
            return LocalRedirect("/dashboard");
        }
        catch (InvalidValueException ex)
        {
            Error = ex.Message;
            return Page();
        }
        catch (NotFoundException)
        {
            await HttpContext.SignOutAsync(DashboardAuthentication.SchemeName);
            return LocalRedirect(DashboardAuthentication.SignInPath);
        }
    }
}
