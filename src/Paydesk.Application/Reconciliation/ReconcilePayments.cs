using System.Text.Json;
using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Application.Payments;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Reconciliation;

/// <summary>
/// When to ask the gateway about a payment whose outcome is unknown: first after
/// <paramref name="FirstCheckAfter"/>, then every <paramref name="Interval"/>, <paramref name="MaxChecks"/>
/// times in all; if the gateway still has no record then, the payment fails with <c>gateway_unknown</c>.
/// A payment waiting for its payer (<c>requires_action</c>) is asked about on the same schedule
/// until it is <see cref="ActionTimeout"/> old; then it is canceled at the gateway.
/// </summary>
public sealed record ReconciliationSchedule(TimeSpan FirstCheckAfter, TimeSpan Interval, int MaxChecks, int BatchSize)
{
    public TimeSpan ActionTimeout { get; init; } = PaymentsOptions.DefaultActionTimeout;
}

public sealed record ReconciliationRound(int Checked, int Settled, int RecordsCompleted);

/// <summary>
/// One reconciliation round. Several instances may run it at once on one database: each payment is
/// claimed by a version-checked commit before the gateway is asked, so only one instance checks it.
/// </summary>
public sealed partial class ReconcilePaymentsHandler(
    IPaymentRepository payments,
    IIdempotencyRecordRepository idempotencyRecords,
    IUnitOfWork unitOfWork,
    IPaymentGateway gateway,
    ChangeOrigin origin,
    TimeProvider clock,
    ILogger<ReconcilePaymentsHandler> logger)
{
    public const string GatewayUnknownCode = "gateway_unknown";

    public async Task<ReconciliationRound> RunAsync(ReconciliationSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        origin.Set(ChangeCause.Reconciliation, null);
        var now = clock.GetUtcNow();
        var cutoff = now - schedule.FirstCheckAfter;
        var due = await payments.ListDueForReconciliationAsync(now, cutoff, schedule.BatchSize, cancellationToken);
        var checkedCount = 0;
        var settled = 0;
        foreach (var id in due.Select(p => p.Id).ToList())
        {
            // A failed commit clears the unit of work, so each candidate is read again (from the
            // tracker if still there, else afresh) and must still be due: another instance may have
            // claimed it and booked its next check in between.
            var candidate = await payments.GetByIdAsync(id, cancellationToken);
            if (candidate is null || !IsDue(candidate, now, cutoff))
            {
                continue;
            }

            candidate.ClaimReconciliation(NextCheckAt(candidate, schedule, now));
            try
            {
                await unitOfWork.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Another instance (or a live request) changed it first: this round leaves it to them.
                continue;
            }

            checkedCount++;
            if (await CheckAsync(candidate, schedule, now, cancellationToken))
            {
                settled++;
            }
        }

        var completed = await CompleteInFlightRecordsAsync(now - schedule.FirstCheckAfter, schedule.BatchSize, cancellationToken);
        return new ReconciliationRound(checkedCount, settled, completed);
    }

    private static bool IsDue(Payment payment, DateTimeOffset now, DateTimeOffset cutoff) =>
        (payment.Status is PaymentStatus.Pending or PaymentStatus.RequiresAction || payment.Refunds.Any(r => r.Status == RefundStatus.Pending))
        && (payment.NextReconcileAt is { } next ? next <= now : payment.CreatedAt <= cutoff);

    // A payment waiting for its payer is checked no later than when it times out.
    private static DateTimeOffset NextCheckAt(Payment payment, ReconciliationSchedule schedule, DateTimeOffset now)
    {
        var next = now + schedule.Interval;
        var deadline = payment.CreatedAt + schedule.ActionTimeout;
        return payment.Status == PaymentStatus.RequiresAction && deadline > now && deadline < next ? deadline : next;
    }

    private static bool IsAbandoned(Payment payment, ReconciliationSchedule schedule, DateTimeOffset now) =>
        payment.Status == PaymentStatus.RequiresAction && payment.GatewayReference is not null && payment.CreatedAt + schedule.ActionTimeout <= now;

    private async Task<bool> CheckAsync(Payment payment, ReconciliationSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lastCheck = payment.ReconcileAttempts >= schedule.MaxChecks;
        var changed = false;
        try
        {
            if (IsAbandoned(payment, schedule, now))
            {
                // The payer never authenticated: the intent is canceled so it can no longer be
                // completed, and the payment fails with whatever the cancel says became of it.
                var outcome = await gateway.CancelAsync(GatewayChargeRequest.For(payment), payment.GatewayReference!, cancellationToken);
                changed |= payment.Apply(outcome, now, OutcomeRule.IfAllowed);
                LogAbandoned(logger, payment.Id.Value, outcome.Status);
            }
            else if (payment.Status is PaymentStatus.Pending or PaymentStatus.RequiresAction)
            {
                var request = GatewayChargeRequest.For(payment);
                var found = await gateway.LookUpChargeAsync(request, payment.GatewayReference, cancellationToken)
                    ?? (lastCheck ? new GatewayChargeOutcome(GatewayChargeStatus.Failed, null, GatewayUnknownCode, "The gateway has no record of this payment.") : null);
                changed |= found is not null && payment.Apply(found, now, OutcomeRule.IfAllowed);
            }

            foreach (var refund in payment.Refunds.Where(r => r.Status == RefundStatus.Pending && r.CreatedAt <= now - schedule.FirstCheckAfter).ToList())
            {
                var request = new GatewayRefundRequest(refund.Id, payment.Id, payment.GatewayReference ?? string.Empty, new Domain.Amounts.Money(refund.Amount, payment.Currency), refund.Reason, refund.IdempotencyKey);
                var found = await gateway.LookUpRefundAsync(request, cancellationToken)
                    ?? (lastCheck ? new GatewayRefundOutcome(GatewayRefundStatus.Failed, null, GatewayUnknownCode) : null);
                changed |= found is not null && payment.Apply(refund.Id, found, now, OutcomeRule.IfAllowed);
            }
        }
        catch (Exception ex) when (ex is PaymentGatewayUnavailableException or PaymentGatewayFailedException)
        {
            // Asked again at the next booked check; an unreachable gateway is never read as "no record".
            LogCheckFailed(logger, ex, payment.Id.Value);
        }

        if (!changed)
        {
            return false;
        }

        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            // A webhook got there first; the next round sees its result.
            return false;
        }
    }

    // A request that died between its two commits leaves its key in flight, and every repeat gets 409.
    // Such a record is completed with what its payment or refund looks like now.
    private async Task<int> CompleteInFlightRecordsAsync(DateTimeOffset createdBy, int count, CancellationToken cancellationToken)
    {
        var completed = 0;
        foreach (var record in await idempotencyRecords.ListInFlightAsync(createdBy, count, cancellationToken))
        {
            var answer = await CurrentAnswerAsync(record, cancellationToken);
            if (answer is null)
            {
                continue;
            }

            record.Complete(answer.Value.Outcome.ToString(), answer.Value.ResponseBody, clock.GetUtcNow());
            try
            {
                await unitOfWork.SaveChangesAsync(cancellationToken);
                completed++;
            }
            catch (ConcurrencyConflictException)
            {
            }
        }

        return completed;
    }

    /// <summary>What the record's request would answer now, from its payment or refund as it is; null when that is not found.</summary>
    private async Task<(RequestOutcome Outcome, string ResponseBody)?> CurrentAnswerAsync(IdempotencyRecord record, CancellationToken cancellationToken)
    {
        switch (record.Operation)
        {
            case IdempotentOperations.CreatePayment:
                var payment = await payments.GetByIdAsync(new PaymentId(record.ResourceId), cancellationToken);
                return payment is null
                    ? null
                    : (CreatePaymentHandler.OutcomeOf(payment), JsonSerializer.Serialize(PaymentResponse.From(payment), StoredJson.Options));
            case IdempotentOperations.RefundPayment when record.ParentResourceId is { } paymentId:
                var parent = await payments.GetByIdAsync(new PaymentId(paymentId), cancellationToken);
                var refund = parent?.Refunds.SingleOrDefault(r => r.Id.Value == record.ResourceId);
                return refund is null
                    ? null
                    : (RefundPaymentHandler.OutcomeOf(refund), JsonSerializer.Serialize(RefundResponse.From(parent!, refund), StoredJson.Options));
            case IdempotentOperations.CapturePayment or IdempotentOperations.CancelPayment:
                // A capture or cancel whose gateway answer was lost: the payment as the webhook or a look-up left it.
                var changed = await payments.GetByIdAsync(new PaymentId(record.ResourceId), cancellationToken);
                return changed is null
                    ? null
                    : (RequestOutcome.Completed, JsonSerializer.Serialize(PaymentResponse.From(changed), StoredJson.Options));
            default:
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} waited for authentication past Payments:ActionTimeout; canceled at the gateway, it is now {Outcome}")]
    private static partial void LogAbandoned(ILogger logger, Guid paymentId, GatewayChargeStatus outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation could not ask the gateway about payment {PaymentId}; it is asked again at its next check")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, Guid paymentId);
}
