using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paydesk.Application.Common;
using Paydesk.Application.Payments;
using Paydesk.Application.Users;

namespace Paydesk.Dashboard.Pages.Dashboard.Users;

/// <summary>Finds a user by email (ignoring case, as registration does) and lists their payments, newest first.</summary>
public sealed class UserLookupModel(FindUserByEmailHandler users, ListUserPaymentsHandler payments) : PageModel
{
    public const string Path = "/dashboard/users";

    [BindProperty(SupportsGet = true, Name = "email")]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public UserResponse? FoundUser { get; private set; }

    public PaymentPage? Payments { get; private set; }

    /// <summary>Why no user is shown for the email given; null when one is, or none was asked for.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Email is null)
        {
            return Page();
        }

        try
        {
            FoundUser = await users.HandleAsync(Email, cancellationToken);
            Payments = await payments.HandleAsync(new ListUserPaymentsQuery(FoundUser.Id, null, Cursor), cancellationToken);
        }
        catch (ValidationException e)
        {
            Problem = string.Join(" ", e.Errors.Select(f => f.ErrorMessage).Distinct(StringComparer.Ordinal));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (NotFoundException e)
        {
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public string PageUrl(string? cursor) =>
        Path + QueryString.Create([new("email", Email), .. cursor is null ? [] : new KeyValuePair<string, string?>[] { new("cursor", cursor) }]);
}
