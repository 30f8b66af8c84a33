using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Paydesk.Application.Common;
using Paydesk.Application.Payments;
using Paydesk.Dashboard.Payments;
using Paydesk.Dashboard.Security;

namespace Paydesk.Dashboard.Pages.Dashboard.Payments;

/// <summary>Cancels a payment before any money is captured, as POST /v1/payments/{id}/cancel does, for an admin.</summary>
[Authorize(Policy = DashboardPolicies.Admin)]
public sealed class CancelPaymentModel(GetPaymentHandler payments, OperatorActions actions) : PaymentActionModel(payments)
{
    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    public override string ActionName => "Cancel";

    public override IReadOnlyList<KeyValuePair<string, string?>> ConfirmedFields =>
        [new("idempotencyKey", IdempotencyKey), new("reason", Reason)];

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var held = Payment.AmountCapturable > 0 ? $", releasing the {DashboardMoney.Format(Payment.AmountCapturable, Payment.Currency)} held on the card" : string.Empty;
        var reason = Reason is null ? string.Empty : $" (reason: {Reason})";
        return Ask($"Cancel payment {Payment.Id}{held}{reason}?");
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var answer = await actions.RunAsync<CancelPaymentHandler, PaymentChangeResult>(
            User,
            IdempotencyKey,
            (handler, idempotency, ct) => handler.HandleAsync(id, new CancelPaymentCommand(Reason), idempotency, ct),
            cancellationToken);
        if (answer.Result is not { } result)
        {
            return Refuse(answer.Refusal!);
        }

        var payment = result.Payment;
        var what = result.Outcome == RequestOutcome.Pending
            ? "The cancel is pending: the gateway has not answered yet."
            : $"Cancel done: the payment is now {payment.Status}.";
        var replay = result.Replayed ? " This form had already been submitted: this is the answer to that submit, and nothing was done twice." : string.Empty;
        return Done(what + replay, payment);
    }
}
