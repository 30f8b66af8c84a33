using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Application.PaymentMethods;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Payments;

/// <param name="PaymentMethodId">A saved payment method of the user; with neither it nor <paramref name="Source"/>, the user's default.</param>
/// <param name="Source">A one-off payment-method token.</param>
/// <param name="OffSession">False when the payer is present and can authenticate (3-D Secure); true by default.</param>
/// <param name="ReturnUrl">For an on-session charge: where the payer returns after authenticating.</param>
/// <param name="Capture"><c>automatic</c> (the default) takes the money at once; <c>manual</c> only authorizes it for a later capture.</param>
/// <param name="Metadata">The caller's tags.</param>
/// <remarks>Fields added after the first release are left out of the request's fingerprint when absent, so a request without them hashes as before they existed.</remarks>
public sealed record CreatePaymentCommand(
    Guid? UserId,
    long? Amount,
    string? Currency,
    string? Source,
    string? Description,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PaymentMethodId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? OffSession = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReturnUrl = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Capture = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>The payment as the charge left it; <see cref="RequestOutcome.Pending"/> while the gateway has not decided.</summary>
public sealed record CreatePaymentResult(PaymentResponse Payment, RequestOutcome Outcome, bool Replayed);

public sealed class CreatePaymentValidator : AbstractValidator<CreatePaymentCommand>
{
    /// <summary>With the default rules: https return URLs only.</summary>
    public CreatePaymentValidator()
        : this(new PaymentsOptions())
    {
    }

    public CreatePaymentValidator(PaymentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
        // The source is optional: without it and without a paymentMethodId, the user's default is charged.
        RuleFor(c => c.Source).Must(PaymentSource.IsValid).When(c => c.Source is not null)
            .WithMessage($"The source must be a payment-method token such as pm_card_visa (letters, digits and underscores, at most {PaymentSource.MaxLength} characters). Never send card numbers.")
            .OverridePropertyName("source");
        RuleFor(c => c.PaymentMethodId).Must(SavedPaymentMethod.IsValidId).When(c => c.PaymentMethodId is not null)
            .WithMessage($"The paymentMethodId must be a saved payment method's id such as pm_1Nx… (pm_ and letters, digits or underscores, at most {PaymentSource.MaxLength} characters).")
            .OverridePropertyName("paymentMethodId");
        RuleFor(c => c.PaymentMethodId).Null().When(c => c.Source is not null)
            .WithMessage("Give either a paymentMethodId (a saved method) or a source (a one-off method), not both.")
            .OverridePropertyName("paymentMethodId");
        RuleFor(c => c.Description).MaximumLength(Payment.MaxDescriptionLength)
            .WithMessage($"The description must be at most {Payment.MaxDescriptionLength} characters.")
            .OverridePropertyName("description");
        RuleFor(c => c.Capture).Must(name => CaptureMethodNames.TryParse(name, out _))
            .WithMessage($"The capture must be '{CaptureMethodNames.Automatic}' (the default) or '{CaptureMethodNames.Manual}'.")
            .OverridePropertyName("capture");
        RuleFor(c => c.Metadata).MustBeValidMetadata();
        Include(new CreatePaymentSessionRules(options));
    }

    private static string? Truncate(string? value) => value is { Length: > 16 } ? value[..16] + "…" : value;
}

public sealed partial class CreatePaymentHandler(
    IPaymentRepository payments,
    IIdempotencyRecordRepository idempotencyRecords,
    IUnitOfWork unitOfWork,
    IPaymentGateway gateway,
    ChargeMethodResolver methods,
    IValidator<CreatePaymentCommand> validator,
    TimeProvider clock,
    PaydeskTelemetry telemetry,
    ILogger<CreatePaymentHandler> logger)
{
    private readonly IdempotentCommits _idempotency = new(idempotencyRecords, unitOfWork, clock);

    public async Task<CreatePaymentResult> HandleAsync(CreatePaymentCommand command, IdempotencyContext idempotency, CancellationToken cancellationToken)
    {
        var request = IdempotentRequest.For(idempotency, IdempotentOperations.CreatePayment, parentResourceId: null, command);
        await validator.ValidateAndThrowAsync(command, cancellationToken);

        // No reads first: the commit itself finds a key used before (its unique index) and an
        // unknown user (the payment's foreign key), so a new charge costs one round trip here.
        var userId = new UserId(command.UserId!.Value);
        var paymentId = PaymentId.New();
        var amount = Money.Positive(command.Amount!.Value, Currency.FromCode(command.Currency));
        var method = await methods.ResolveAsync(command, userId, cancellationToken);
        CaptureMethodNames.TryParse(command.Capture, out var capture);
        var payment = Payment.Create(paymentId, userId, amount, method, command.Description, $"charge_{paymentId.Value:N}", clock.GetUtcNow(), capture, Metadata.Create(command.Metadata));
        payments.Add(payment);

        // The key and the pending payment become durable together, before the gateway is called.
        (IdempotencyRecord Record, bool Earlier) started;
        try
        {
            started = await _idempotency.StartAsync(request, paymentId.Value, cancellationToken);
        }
        catch (MissingReferenceException)
        {
            throw new NotFoundException("user_not_found", $"No user has the id {userId}.");
        }

        if (started.Earlier)
        {
            // The key was used before, or by a concurrent request that committed first.
            return await AnswerAsync(request.Replay<PaymentResponse>(started.Record), replayed: true);
        }

        // From here on the payment exists: finish it even if the caller has gone away, so that its
        // outcome and the stored response are never left half-written.
        var durable = PaymentResponse.From(payment);
        var outcome = await ChargeAsync(payment);
        var answer = await _idempotency.CompleteAsync(request, started.Record, durable, async attempt =>
        {
            // A retry follows a commit lost to reconciliation or a webhook, which may have applied
            // this very outcome already: the payment is read afresh and changed only if it still may be.
            var current = attempt == 1 ? payment : (await payments.GetByIdAsync(paymentId, CancellationToken.None))!;
            if (outcome is not null)
            {
                current.Apply(outcome, clock.GetUtcNow(), attempt == 1 ? OutcomeRule.Strict : OutcomeRule.IfAllowed);
            }

            var settled = outcome?.Status == GatewayChargeStatus.Rejected ? RequestOutcome.Rejected : OutcomeOf(current);
            return (settled, PaymentResponse.From(current));
        });
        telemetry.Payments.Add(1, new("outcome", answer.Response.Status), new("currency", answer.Response.Currency));
        return await AnswerAsync(answer, replayed: false);
    }

    /// <summary>What a charge's record stores for the payment as it is now, however the charge was interrupted.</summary>
    internal static RequestOutcome OutcomeOf(Payment payment) =>
        payment.Status == PaymentStatus.Pending ? RequestOutcome.Pending : RequestOutcome.Completed;

    /// <summary>
    /// The caller's answer from the stored one. The record never holds the client secret or the
    /// next action's URL; while the payment still needs the payer, they are added from the payment.
    /// </summary>
    private async Task<CreatePaymentResult> AnswerAsync((RequestOutcome Outcome, PaymentResponse Payment) answer, bool replayed)
    {
        if (answer.Outcome == RequestOutcome.Rejected)
        {
            throw new ChargeRejectedException(answer.Payment.FailureCode!, answer.Payment.FailureMessage!, answer.Payment.Id, replayed);
        }

        var response = answer.Payment;
        if (response.NextAction is not null
            && await payments.GetByIdReadOnlyAsync(new PaymentId(response.Id), CancellationToken.None) is { Status: PaymentStatus.RequiresAction } waiting)
        {
            response = PaymentResponse.WithSecrets(waiting);
        }

        return new CreatePaymentResult(response, answer.Outcome, replayed);
    }

    /// <summary>The gateway's outcome; null when it is unknown (the payment stays pending for reconciliation).</summary>
    private async Task<GatewayChargeOutcome?> ChargeAsync(Payment payment)
    {
        try
        {
            return await gateway.ChargeAsync(
                GatewayChargeRequest.For(payment),
                CancellationToken.None);
        }
        catch (PaymentGatewayUnavailableException ex)
        {
            LogOutcomeUnknown(logger, ex, payment.Id.Value);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway's answer for payment {PaymentId} is unknown; it stays pending")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, Guid paymentId);
}
