using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paydesk.Application.Common;
using Paydesk.Application.Payments;

namespace Paydesk.Dashboard.Pages.Dashboard.Payments;

/// <summary>
/// An admin's action on a payment, in two steps: the form's POST asks for confirmation in words,
/// the confirmation's POST (handler <c>confirm</c>) acts, under the key the form was rendered
/// with, and shows the answer. Each derived page carries the admin policy itself.
/// </summary>
public abstract class PaymentActionModel(GetPaymentHandler payments) : PageModel
{
    public enum ActionStep
    {
        /// <summary>The action is described and waits for the operator's confirmation.</summary>
        Confirm,

        /// <summary>The action ran; <see cref="Answer"/> says what it did.</summary>
        Done,

        /// <summary>The action cannot be done as asked; <see cref="Answer"/> says why.</summary>
        Refused,
    }

    [BindProperty(Name = "idempotencyKey")]
    public string? IdempotencyKey { get; set; }

    public PaymentResponse Payment { get; private set; } = null!;

    public ActionStep Step { get; private set; }

    /// <summary>The question before the action, or its answer after it.</summary>
    public string Answer { get; private set; } = string.Empty;

    /// <summary>The action's name, as its heading and confirm button show it.</summary>
    public abstract string ActionName { get; }

    /// <summary>The fields the confirmation carries back unchanged, key included.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string?>> ConfirmedFields { get; }

    public string PaymentUrl => $"/dashboard/payments/{Payment.Id}";

    /// <summary>A GET has nothing to act on: it goes back to the payment.</summary>
    public IActionResult OnGet(Guid id) => Redirect($"/dashboard/payments/{id}");

    /// <summary>Loads the payment the action is for; false (the page answers 404) when there is none.</summary>
    protected async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Payment = await payments.HandleAsync(id, withSecrets: false, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    protected IActionResult Ask(string question) => Show(ActionStep.Confirm, question);

    protected IActionResult Done(string answer, PaymentResponse? payment = null)
    {
        Payment = payment ?? Payment;
        return Show(ActionStep.Done, answer);
    }

    /// <summary>The action was refused: the page says why, as a 4xx like the API's ProblemDetails would be.</summary>
    protected IActionResult Refuse(string reason, int status = StatusCodes.Status409Conflict)
    {
        Response.StatusCode = status;
        return Show(ActionStep.Refused, reason);
    }

    private PageResult Show(ActionStep step, string text)
    {
        Step = step;
        Answer = text;
        return Page();
    }
}
