using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paydesk.Application.Common;
using Paydesk.Application.Payments;
using Paydesk.Dashboard.Payments;
using Paydesk.Dashboard.Security;

namespace Paydesk.Dashboard.Pages.Dashboard.Payments;

/// <summary>
/// One payment: its fields, refunds, disputes and history, and for admins the actions its state
/// allows, each form with an idempotency key of its own made as the page is rendered.
/// </summary>
public sealed class PaymentDetailModel(
    GetPaymentHandler payments,
    ListPaymentRefundsHandler refunds,
    GetPaymentHistoryHandler history,
    IAuthorizationService authorization) : PageModel
{
    public PaymentResponse Payment { get; private set; } = null!;

    public RefundList Refunds { get; private set; } = null!;

    public PaymentHistory History { get; private set; } = null!;

    /// <summary>The operator may act on payments (an admin); a viewer is shown no action.</summary>
    public bool CanAct { get; private set; }

    public bool CanRefund => CanAct && Refunds.Refundable > 0;

    public bool CanCapture => CanAct && PaymentActions.IsCapturable(Payment);

    public bool CanCancel => CanAct && PaymentActions.IsCancelable(Payment);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Payment = await payments.HandleAsync(id, withSecrets: false, cancellationToken);
            Refunds = await refunds.HandleAsync(id, cancellationToken);
            History = await history.HandleAsync(id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        CanAct = (await authorization.AuthorizeAsync(User, DashboardPolicies.Admin)).Succeeded;
        return Page();
    }

    /// <summary>A key for one form: each rendered form is one request, however often it is submitted.</summary>
    public static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");
}
