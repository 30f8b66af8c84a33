using FluentValidation;
using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <param name="Reason">Why the caller cancels, kept as the payment's cancellation reason.</param>
public sealed record CancelPaymentCommand(string? Reason);

public sealed class CancelPaymentValidator : AbstractValidator<CancelPaymentCommand>
{
    public CancelPaymentValidator()
    {
        RuleFor(c => c.Reason).MaximumLength(Payment.MaxCancellationReasonLength)
            .WithMessage($"The reason must be at most {Payment.MaxCancellationReasonLength} characters.")
            .OverridePropertyName("reason");
    }
}

/// <summary>
/// Cancels a payment before any money is captured (an authorization, or a charge still waiting for
/// its payer), under the caller's Idempotency-Key. A captured payment is refunded instead.
/// </summary>
public sealed partial class CancelPaymentHandler(
    IPaymentRepository payments,
    IIdempotencyRecordRepository idempotencyRecords,
    IUnitOfWork unitOfWork,
    IPaymentGateway gateway,
    IValidator<CancelPaymentCommand> validator,
    TimeProvider clock,
    ILogger<CancelPaymentHandler> logger)
{
    private readonly PaymentChangeFlow _flow = new(payments, idempotencyRecords, unitOfWork, clock);

    public async Task<PaymentChangeResult> HandleAsync(Guid paymentId, CancelPaymentCommand command, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var request = IdempotentRequest.For(idempotency, IdempotentOperations.CancelPayment, paymentId, command);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        // The caller's reason is kept on the payment with the key, before the gateway is called: the
        // gateway knows only its own enum, and its webhook may arrive before its answer.
        return await _flow.RunAsync(request, paymentId, payment => { payment.RequestCancel(command.Reason); return 0L; }, async (payment, _) =>
        {
            try
            {
                return await gateway.CancelOnRequestAsync(GatewayChargeRequest.For(payment), payment.GatewayReference!, CancellationToken.None);
            }
            catch (PaymentGatewayUnavailableException ex)
            {
                LogOutcomeUnknown(logger, ex, payment.Id.Value);
                return null;
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway's answer to the cancel of payment {PaymentId} is unknown; the webhook or reconciliation settles it")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, Guid paymentId);
}
