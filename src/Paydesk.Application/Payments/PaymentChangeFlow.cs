using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <summary>
/// The flow of a money-moving change to an existing payment (capture, cancel): the caller's key is
/// stored before the gateway call, the gateway's outcome is applied by <see cref="Payment.Apply(GatewayChargeOutcome, DateTimeOffset, OutcomeRule)"/>,
/// and the answer is stored for a replay. The gateway's key is derived from the payment, so a retry
/// of the call (even under another caller key) is the same request there.
/// </summary>
internal sealed class PaymentChangeFlow(IPaymentRepository payments, IIdempotencyRecordRepository idempotencyRecords, IUnitOfWork unitOfWork, TimeProvider clock)
{
    private readonly IdempotentCommits _idempotency = new(idempotencyRecords, unitOfWork, clock);

    /// <param name="check">Throws when the payment may not change so (before the key is stored); returns what the call needs.</param>
    /// <param name="call">The gateway call; null when its answer is unknown.</param>
    public async Task<PaymentChangeResult> RunAsync(
        IdempotentRequest request,
        Guid paymentId,
        Func<Payment, long> check,
        Func<Payment, long, Task<GatewayChargeOutcome?>> call,
        CancellationToken cancellationToken)
    {
        var existing = await _idempotency.FindAsync(request, cancellationToken);
        if (existing is not null)
        {
            return Answer(request.Replay<PaymentResponse>(existing), replayed: true);
        }

        var payment = await payments.GetByIdAsync(new PaymentId(paymentId), cancellationToken)
            ?? throw GetPaymentHandler.PaymentNotFound(paymentId);
        var argument = check(payment);

        var started = await _idempotency.StartAsync(request, paymentId, cancellationToken);
        if (started.Earlier)
        {
            return Answer(request.Replay<PaymentResponse>(started.Record), replayed: true);
        }

        var outcome = await call(payment, argument);
        if (outcome is null)
        {
            // The record stays in flight (a repeat gets 409 request_in_progress) until the webhook or
            // reconciliation has settled the payment and reconciliation completes it with that state.
            return new PaymentChangeResult(PaymentResponse.From(payment), RequestOutcome.Pending, Replayed: false);
        }

        var answer = await _idempotency.CompleteAsync(request, started.Record, PaymentResponse.From(payment), async attempt =>
        {
            // A retry follows a commit lost to a webhook (the capture's own payment_intent.succeeded,
            // say), which may have applied this very outcome already.
            var current = attempt == 1 ? payment : (await payments.GetByIdAsync(payment.Id, CancellationToken.None))!;
            current.Apply(outcome, clock.GetUtcNow(), OutcomeRule.IfAllowed);
            return (RequestOutcome.Completed, PaymentResponse.From(current));
        });
        return Answer(answer, replayed: false);
    }

    private static PaymentChangeResult Answer((RequestOutcome Outcome, PaymentResponse Payment) answer, bool replayed) =>
        new(answer.Payment, answer.Outcome, replayed);
}
