using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

public sealed record RefundPaymentCommand(long? Amount, string? Reason);

public enum RefundOutcome
{
    /// <summary>The gateway decided; the refund says whether it succeeded or failed.</summary>
    Completed,

    /// <summary>The gateway's answer is not known yet; the refund stays pending.</summary>
    Pending,
}

public sealed record RefundPaymentResult(RefundResponse Refund, RefundOutcome Outcome, bool Replayed);

public sealed class RefundPaymentValidator : AbstractValidator<RefundPaymentCommand>
{
    public RefundPaymentValidator()
    {
        RuleFor(c => c.Amount).InclusiveBetween(1, Money.MaxMinorUnits).When(c => c.Amount is not null)
            .WithMessage($"The amount must be a whole number of minor units from 1 to {Money.MaxMinorUnits}; leave it out to refund all that remains.")
            .OverridePropertyName("amount");
        RuleFor(c => c.Reason).MaximumLength(Refund.MaxReasonLength)
            .WithMessage($"The reason must be at most {Refund.MaxReasonLength} characters.")
            .OverridePropertyName("reason");
    }
}

public sealed partial class RefundPaymentHandler(
    IPaymentRepository payments,
    IIdempotencyRecordRepository idempotencyRecords,
    IUnitOfWork unitOfWork,
    IPaymentGateway gateway,
    IValidator<RefundPaymentCommand> validator,
    TimeProvider clock,
    PaydeskTelemetry telemetry,
    ILogger<RefundPaymentHandler> logger)
{
    // A refund's outcome is recorded even if another refund of the same payment committed in
    // between; a few fresh attempts settle such a race.
    private const int RecordAttempts = 3;

    public async Task<RefundPaymentResult> HandleAsync(Guid paymentId, RefundPaymentCommand command, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        var key = IdempotencyKeyValidation.Require(idempotency);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        var operation = $"payments.refund:{paymentId}";
        var requestHash = IdempotencyRules.Fingerprint(operation, command);

        var existing = await idempotencyRecords.FindAsync(idempotency.Scope, key, cancellationToken);
        if (existing is not null)
        {
            return Replay(existing, operation, requestHash);
        }

        var payment = await payments.GetByIdAsync(new PaymentId(paymentId), cancellationToken)
            ?? throw GetPaymentHandler.PaymentNotFound(paymentId);
        var refundId = RefundId.New();
        var refund = payment.RequestRefund(refundId, command.Amount, command.Reason, $"refund_{refundId.Value:N}", clock.GetUtcNow());
        idempotencyRecords.Add(IdempotencyRecord.Start(idempotency.Scope, key, operation, requestHash, refundId.Value, clock.GetUtcNow()));

        // The key and the reserved refund become durable together, before the gateway is called.
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            var winner = await idempotencyRecords.FindAsync(idempotency.Scope, key, CancellationToken.None);
            if (winner is null)
            {
                throw;
            }

            return Replay(winner, operation, requestHash);
        }
        catch (ConcurrencyConflictException)
        {
            throw new ConflictException("payment_modified", "The payment was changed by another request at the same time. Retry with the same Idempotency-Key.");
        }

        GatewayRefundResult? result = null;
        try
        {
            result = await gateway.RefundAsync(
                new GatewayRefundRequest(refundId, payment.Id, payment.GatewayReference ?? string.Empty, new Money(refund.Amount, payment.Currency), refund.Reason, refund.IdempotencyKey),
                CancellationToken.None);
        }
        catch (PaymentGatewayUnavailableException ex)
        {
            LogOutcomeUnknown(logger, ex, refundId.Value);
        }

        return await RecordOutcomeAsync(payment.Id, refundId, idempotency.Scope, key, result);
    }

    private async Task<RefundPaymentResult> RecordOutcomeAsync(PaymentId paymentId, RefundId refundId, string scope, string key, GatewayRefundResult? result)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Loaded afresh on every attempt: after a conflict the unit of work has discarded its changes.
            var payment = (await payments.GetByIdAsync(paymentId, CancellationToken.None))!;
            var record = (await idempotencyRecords.FindAsync(scope, key, CancellationToken.None))!;
            var now = clock.GetUtcNow();
            var outcome = RefundOutcome.Completed;
            switch (result?.Status)
            {
                case GatewayRefundStatus.Succeeded:
                    payment.CompleteRefund(refundId, result.Reference!, now);
                    break;
                case GatewayRefundStatus.Failed:
                    payment.FailRefund(refundId, result.Reference, result.FailureCode ?? "refund_failed", now);
                    break;
                default:
                    outcome = RefundOutcome.Pending;
                    break;
            }

            var response = RefundResponse.From(payment, payment.Refunds.Single(r => r.Id == refundId));
            record.Complete(outcome.ToString(), JsonSerializer.Serialize(response, StoredJson.Options), now);
            try
            {
                await unitOfWork.SaveChangesAsync(CancellationToken.None);
                telemetry.Refunds.Add(1, new("outcome", response.Status), new("currency", response.Currency));
                return new RefundPaymentResult(response, outcome, Replayed: false);
            }
            catch (ConcurrencyConflictException) when (attempt < RecordAttempts)
            {
            }
        }
    }

    private static RefundPaymentResult Replay(IdempotencyRecord existing, string operation, string requestHash)
    {
        IdempotencyRules.EnsureReplayable(existing, operation, requestHash);
        var response = JsonSerializer.Deserialize<RefundResponse>(existing.ResponseBody!, StoredJson.Options)!;
        return new RefundPaymentResult(response, Enum.Parse<RefundOutcome>(existing.Outcome!), Replayed: true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway's answer for refund {RefundId} is unknown; it stays pending")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, Guid refundId);
}
