using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paydesk.Application.Operators;
using Paydesk.Dashboard.Security;
using Paydesk.Domain.Operators;

namespace Paydesk.Dashboard.Pages.Dashboard;

public sealed class SignInModel(SignInOperatorHandler signIn) : PageModel
{
    // One message for every refusal but the lockout, so the page never tells whether a name exists.
    public const string WrongCredentials = "The name or the password is not right.";
    public const string LockedOut = "This account is locked after too many failed attempts. Try again in 15 minutes.";

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrEmpty(Password))
        {
            Error = WrongCredentials;
            return Page();
        }

        var result = await signIn.HandleAsync(Name, Password, cancellationToken);
        if (result.Session is null)
        {
            // Locked says so whether or not the name exists: unknown names are never counted, but
            // a locked account must not be mistaken for a wrong password and retried forever.
            Error = result.Outcome == SignInOutcome.Locked ? LockedOut : WrongCredentials;
            return Page();
        }

        await HttpContext.SignInAsync(DashboardAuthentication.SchemeName, OperatorClaims.ToPrincipal(result.Session));
        if (result.Session.MustChangePassword)
        {
            return LocalRedirect(PasswordChangeFilter.ChangePasswordPath);
        }

        return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && url.StartsWith("/dashboard", StringComparison.Ordinal) ? url : "/dashboard");
    }
}
