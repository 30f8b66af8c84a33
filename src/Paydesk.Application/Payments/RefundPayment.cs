using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <param name="Metadata">The caller's tags; left out of the fingerprint when absent, so a request without them hashes as before they existed.</param>
public sealed record RefundPaymentCommand(
    long? Amount,
    string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>The refund as the gateway left it; <see cref="RequestOutcome.Pending"/> while the gateway has not decided.</summary>
public sealed record RefundPaymentResult(RefundResponse Refund, RequestOutcome Outcome, bool Replayed);

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
        RuleFor(c => c.Metadata).MustBeValidMetadata();
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
    private readonly IdempotentCommits _idempotency = new(idempotencyRecords, unitOfWork, clock);

    public async Task<RefundPaymentResult> HandleAsync(Guid paymentId, RefundPaymentCommand command, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        var request = IdempotentRequest.For(idempotency, IdempotentOperations.RefundPayment, paymentId, command);
        await validator.ValidateAndThrowAsync(command, cancellationToken);

        var existing = await _idempotency.FindAsync(request, cancellationToken);
        if (existing is not null)
        {
            return Answer(request.Replay<RefundResponse>(existing), replayed: true);
        }

        var payment = await payments.GetByIdAsync(new PaymentId(paymentId), cancellationToken)
            ?? throw GetPaymentHandler.PaymentNotFound(paymentId);
        var refundId = RefundId.New();
        var refund = payment.RequestRefund(refundId, command.Amount, command.Reason, $"refund_{refundId.Value:N}", clock.GetUtcNow(), Metadata.Create(command.Metadata));

        // The key and the reserved refund become durable together, before the gateway is called.
        (IdempotencyRecord Record, bool Earlier) started;
        try
        {
            started = await _idempotency.StartAsync(request, refundId.Value, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            throw new ConflictException("payment_modified", "The payment was changed by another request at the same time. Retry with the same Idempotency-Key.");
        }

        if (started.Earlier)
        {
            return Answer(request.Replay<RefundResponse>(started.Record), replayed: true);
        }

        var durable = RefundResponse.From(payment, refund);
        GatewayRefundOutcome? outcome = null;
        try
        {
            outcome = await gateway.RefundAsync(
                new GatewayRefundRequest(refundId, payment.Id, payment.GatewayReference ?? string.Empty, new Money(refund.Amount, payment.Currency), refund.Reason, refund.IdempotencyKey, refund.Metadata),
                CancellationToken.None);
        }
        catch (PaymentGatewayUnavailableException ex)
        {
            LogOutcomeUnknown(logger, ex, refundId.Value);
        }

        var answer = await _idempotency.CompleteAsync(request, started.Record, durable, async attempt =>
        {
            // A retry follows a commit lost to another change of the payment (another refund, a
            // webhook, reconciliation), which may have applied this very outcome already.
            var current = attempt == 1 ? payment : (await payments.GetByIdAsync(payment.Id, CancellationToken.None))!;
            if (outcome is not null)
            {
                current.Apply(refundId, outcome, clock.GetUtcNow(), attempt == 1 ? OutcomeRule.Strict : OutcomeRule.IfAllowed);
            }

            var settled = current.Refunds.Single(r => r.Id == refundId);
            return (OutcomeOf(settled), RefundResponse.From(current, settled));
        });
        telemetry.Refunds.Add(1, new("outcome", answer.Response.Status), new("currency", answer.Response.Currency));
        return Answer(answer, replayed: false);
    }

    /// <summary>What a refund's record stores for the refund as it is now, however the request was interrupted.</summary>
    internal static RequestOutcome OutcomeOf(Refund refund) =>
        refund.Status == RefundStatus.Pending ? RequestOutcome.Pending : RequestOutcome.Completed;

    private static RefundPaymentResult Answer((RequestOutcome Outcome, RefundResponse Refund) answer, bool replayed) =>
        new(answer.Refund, answer.Outcome, replayed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway's answer for refund {RefundId} is unknown; it stays pending")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, Guid refundId);
}
