using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Payments;

public sealed record CreatePaymentCommand(Guid? UserId, long? Amount, string? Currency, string? Source, string? Description);

/// <summary>How a charge request ended, which decides the status the caller sees.</summary>
public enum ChargeOutcome
{
    /// <summary>The gateway decided: succeeded, declined or requires action. The payment says which.</summary>
    Completed,

    /// <summary>The gateway's answer is not known yet; the payment stays pending.</summary>
    Pending,

    /// <summary>The gateway refused the request itself (e.g. an unknown payment method).</summary>
    Rejected,
}

public sealed record CreatePaymentResult(PaymentResponse Payment, ChargeOutcome Outcome, bool Replayed);

public sealed class CreatePaymentValidator : AbstractValidator<CreatePaymentCommand>
{
    public CreatePaymentValidator()
    {
        RuleFor(c => c.UserId).NotNull().WithMessage("The userId is required.")
            .NotEqual(Guid.Empty).WithMessage("The userId must not be the empty UUID.")
            .OverridePropertyName("userId");
        RuleFor(c => c.Amount).NotNull().WithMessage("The amount is required, as a whole number of minor units (e.g. 1500 for USD 15.00).")
            .InclusiveBetween(1, Money.MaxMinorUnits).WithMessage($"The amount must be a whole number of minor units from 1 to {Money.MaxMinorUnits}.")
            .OverridePropertyName("amount");
        RuleFor(c => c.Currency).NotEmpty().WithMessage("The currency is required, as an ISO 4217 code such as USD.")
            .Must(code => Paydesk.Domain.Amounts.Currency.TryFromCode(code, out _)).When(c => !string.IsNullOrEmpty(c.Currency), ApplyConditionTo.CurrentValidator)
            .WithMessage(c => $"'{Truncate(c.Currency)}' is not an ISO 4217 currency code that Paydesk accepts (use upper case, e.g. USD).")
            .OverridePropertyName("currency");
        RuleFor(c => c.Source).NotEmpty().WithMessage("The source is required: the gateway's payment-method token, e.g. pm_card_visa.")
            .Must(PaymentSource.IsValid).When(c => !string.IsNullOrEmpty(c.Source), ApplyConditionTo.CurrentValidator)
            .WithMessage($"The source must be a payment-method token such as pm_card_visa (letters, digits and underscores, at most {PaymentSource.MaxLength} characters). Never send card numbers.")
            .OverridePropertyName("source");
        RuleFor(c => c.Description).MaximumLength(Payment.MaxDescriptionLength)
            .WithMessage($"The description must be at most {Payment.MaxDescriptionLength} characters.")
            .OverridePropertyName("description");
    }

    private static string? Truncate(string? value) => value is { Length: > 16 } ? value[..16] + "…" : value;
}

public sealed partial class CreatePaymentHandler(
    IPaymentRepository payments,
    IIdempotencyRecordRepository idempotencyRecords,
    IUnitOfWork unitOfWork,
    IPaymentGateway gateway,
    IValidator<CreatePaymentCommand> validator,
    TimeProvider clock,
    PaydeskTelemetry telemetry,
    ILogger<CreatePaymentHandler> logger)
{
    private const string Operation = "payments.create";

    public async Task<CreatePaymentResult> HandleAsync(CreatePaymentCommand command, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        var key = IdempotencyKeyValidation.Require(idempotency);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        var requestHash = IdempotencyRules.Fingerprint(Operation, command);

        // No reads first: the commit itself finds a key used before (its unique index) and an
        // unknown user (the payment's foreign key), so a new charge costs one round trip here.
        var userId = new UserId(command.UserId!.Value);
        var now = clock.GetUtcNow();
        var paymentId = PaymentId.New();
        var amount = Money.Positive(command.Amount!.Value, Currency.FromCode(command.Currency));
        var payment = Payment.Create(paymentId, userId, amount, command.Source!, command.Description, $"charge_{paymentId.Value:N}", now);
        var record = IdempotencyRecord.Start(idempotency.Scope, key, Operation, requestHash, paymentId.Value, now);
        payments.Add(payment);
        idempotencyRecords.Add(record);

        // The key and the pending payment become durable together, before the gateway is called.
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            // The key was used before, or by a concurrent request that committed first: answer
            // as a repeat of it.
            var winner = await idempotencyRecords.FindAsync(idempotency.Scope, key, CancellationToken.None);
            if (winner is null)
            {
                throw;
            }

            return Replay(winner, requestHash);
        }
        catch (MissingReferenceException)
        {
            throw new NotFoundException("user_not_found", $"No user has the id {userId}.");
        }

        // From here on the payment exists: finish it even if the caller has gone away, so that its
        // outcome and the stored response are never left half-written.
        var outcome = await ChargeAsync(payment, CancellationToken.None);
        var response = PaymentResponse.From(payment);
        record.Complete(outcome.ToString(), JsonSerializer.Serialize(response, StoredJson.Options), clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        telemetry.Payments.Add(1, new("outcome", response.Status), new("currency", response.Currency));
        return new CreatePaymentResult(response, outcome, Replayed: false);
    }

    private static CreatePaymentResult Replay(IdempotencyRecord existing, string requestHash)
    {
        IdempotencyRules.EnsureReplayable(existing, Operation, requestHash);
        var response = JsonSerializer.Deserialize<PaymentResponse>(existing.ResponseBody!, StoredJson.Options)!;
        return new CreatePaymentResult(response, Enum.Parse<ChargeOutcome>(existing.Outcome!), Replayed: true);
    }

    private async Task<ChargeOutcome> ChargeAsync(Payment payment, CancellationToken cancellationToken)
    {
        GatewayChargeResult result;
        try
        {
            result = await gateway.ChargeAsync(
                new GatewayChargeRequest(payment.Id, payment.UserId, payment.Total, payment.Source, payment.Description, payment.IdempotencyKey),
                cancellationToken);
        }
        catch (PaymentGatewayUnavailableException ex)
        {
            LogOutcomeUnknown(logger, ex, payment.Id.Value);
            return ChargeOutcome.Pending;
        }

        var now = clock.GetUtcNow();
        switch (result.Status)
        {
            case GatewayChargeStatus.Succeeded:
                payment.Succeed(result.Reference!, now);
                return ChargeOutcome.Completed;
            case GatewayChargeStatus.Failed:
                payment.Fail(result.Reference, result.FailureCode ?? "card_declined", result.FailureMessage ?? "The card was declined.", now);
                return ChargeOutcome.Completed;
            case GatewayChargeStatus.RequiresAction:
                payment.RequireAction(result.Reference!, now);
                return ChargeOutcome.Completed;
            case GatewayChargeStatus.Rejected:
                payment.Fail(result.Reference, result.FailureCode ?? "invalid_payment_method", result.FailureMessage ?? "The gateway rejected the payment method.", now);
                return ChargeOutcome.Rejected;
            default:
                return ChargeOutcome.Pending;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway's answer for payment {PaymentId} is unknown; it stays pending")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, Guid paymentId);
}
