using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Paydesk.Application.Common;
using Paydesk.Application.Payments;
using Paydesk.Dashboard.Payments;
using Paydesk.Dashboard.Security;

namespace Paydesk.Dashboard.Pages.Dashboard.Payments;

/// <summary>Captures all or part of an authorized payment, as POST /v1/payments/{id}/capture does, for an admin.</summary>
[Authorize(Policy = DashboardPolicies.Admin)]
public sealed class CapturePaymentModel(GetPaymentHandler payments, OperatorActions actions) : PaymentActionModel(payments)
{
    [BindProperty(Name = "amount")]
    public string? Amount { get; set; }

    public override string ActionName => "Capture";

    public override IReadOnlyList<KeyValuePair<string, string?>> ConfirmedFields =>
        [new("idempotencyKey", IdempotencyKey), new("amount", Amount)];

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!DashboardMoney.TryParse(Amount, Payment.Currency, out var amount, out var error))
        {
            return Refuse(error, StatusCodes.Status400BadRequest);
        }

        var release = Payment.AmountCapturable - amount;
        var rest = release > 0 ? $" and release the other {DashboardMoney.Format(release, Payment.Currency)}" : string.Empty;
        return Ask($"Capture {DashboardMoney.Format(amount, Payment.Currency)} of payment {Payment.Id}{rest}?");
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!DashboardMoney.TryParse(Amount, Payment.Currency, out var amount, out var error))
        {
            return Refuse(error, StatusCodes.Status400BadRequest);
        }

        var answer = await actions.RunAsync<CapturePaymentHandler, PaymentChangeResult>(
            User,
            IdempotencyKey,
            (handler, idempotency, ct) => handler.HandleAsync(id, new CapturePaymentCommand(amount), idempotency, ct),
            cancellationToken);
        if (answer.Result is not { } result)
        {
            return Refuse(answer.Refusal!);
        }

        var payment = result.Payment;
        var what = result.Outcome == RequestOutcome.Pending
            ? $"The capture of {DashboardMoney.Format(amount, payment.Currency)} is pending: the gateway has not answered yet."
            : $"Capture done: the payment is now {payment.Status}, {DashboardMoney.Format(payment.Amount, payment.Currency)} captured.";
        var replay = result.Replayed ? " This form had already been submitted: this is the answer to that submit, and nothing was captured twice." : string.Empty;
        return Done(what + replay, payment);
    }
}
