using FluentValidation;
using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <param name="Amount">The minor units to capture; all that is authorized when null. The rest is released.</param>
public sealed record CapturePaymentCommand(long? Amount);

/// <summary>The payment as the capture left it; <see cref="RequestOutcome.Pending"/> while the gateway's answer is unknown.</summary>
public sealed record PaymentChangeResult(PaymentResponse Payment, RequestOutcome Outcome, bool Replayed);

public sealed class CapturePaymentValidator : AbstractValidator<CapturePaymentCommand>
{
    public CapturePaymentValidator()
    {
        RuleFor(c => c.Amount).InclusiveBetween(1, Money.MaxMinorUnits).When(c => c.Amount is not null)
            .WithMessage($"The amount must be a whole number of minor units from 1 to {Money.MaxMinorUnits}; leave it out to capture all that is authorized.")
            .OverridePropertyName("amount");
    }
}

/// <summary>Captures all or part of an authorized payment, under the caller's Idempotency-Key.</summary>
public sealed partial class CapturePaymentHandler(
    IPaymentRepository payments,
    IIdempotencyRecordRepository idempotencyRecords,
    IUnitOfWork unitOfWork,
    IPaymentGateway gateway,
    IValidator<CapturePaymentCommand> validator,
    TimeProvider clock,
    ILogger<CapturePaymentHandler> logger)
{
    private readonly PaymentChangeFlow _flow = new(payments, idempotencyRecords, unitOfWork, clock);

    public async Task<PaymentChangeResult> HandleAsync(Guid paymentId, CapturePaymentCommand command, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var request = IdempotentRequest.For(idempotency, IdempotentOperations.CapturePayment, paymentId, command);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        return await _flow.RunAsync(request, paymentId, payment => payment.EnsureCapturable(command.Amount), async (payment, amount) =>
        {
            try
            {
                return await gateway.CaptureAsync(GatewayChargeRequest.For(payment), payment.GatewayReference!, amount, CancellationToken.None);
            }
            catch (PaymentGatewayUnavailableException ex)
            {
                LogOutcomeUnknown(logger, ex, payment.Id.Value);
                return null;
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway's answer to the capture of payment {PaymentId} is unknown; the webhook or reconciliation settles it")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, Guid paymentId);
}
