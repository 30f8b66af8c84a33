using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Paydesk.Application.Payments;
using Paydesk.Dashboard.Payments;
using Paydesk.Dashboard.Security;

namespace Paydesk.Dashboard.Pages.Dashboard.Payments;

/// <summary>Refunds part or all of a payment, as POST /v1/payments/{id}/refunds does, for an admin.</summary>
[Authorize(Policy = DashboardPolicies.Admin)]
public sealed class RefundPaymentModel(GetPaymentHandler payments, OperatorActions actions) : PaymentActionModel(payments)
{
    [BindProperty(Name = "amount")]
    public string? Amount { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    public override string ActionName => "Refund";

    public override IReadOnlyList<KeyValuePair<string, string?>> ConfirmedFields =>
        [new("idempotencyKey", IdempotencyKey), new("amount", Amount), new("reason", Reason)];

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

        var reason = Reason is null ? string.Empty : $" (reason: {Reason})";
        return Ask($"Refund {DashboardMoney.Format(amount, Payment.Currency)} of payment {Payment.Id}{reason}?");
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

        var answer = await actions.RunAsync<RefundPaymentHandler, RefundPaymentResult>(
            User,
            IdempotencyKey,
            (handler, idempotency, ct) => handler.HandleAsync(id, new RefundPaymentCommand(amount, Reason), idempotency, ct),
            cancellationToken);
        if (answer.Result is not { } result)
        {
            return Refuse(answer.Refusal!);
        }

        await LoadAsync(id, cancellationToken);
        var refund = result.Refund;
        var money = DashboardMoney.Format(refund.Amount, refund.Currency);
        var what = refund.Status switch
        {
            "succeeded" => $"Refunded {money} (refund {refund.Id}).",
            "pending" => $"The refund of {money} (refund {refund.Id}) is pending: the gateway has not answered yet.",
            _ => $"The gateway refused the refund of {money} (refund {refund.Id}){(refund.FailureCode is null ? "" : $": {refund.FailureCode}")}.",
        };
        var replay = result.Replayed ? " This form had already been submitted: this is the answer to that submit, and nothing was refunded twice." : string.Empty;
        return Done($"{what} The payment is now {Payment.Status}.{replay}");
    }
}
