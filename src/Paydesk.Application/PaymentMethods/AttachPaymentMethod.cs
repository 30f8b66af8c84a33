using FluentValidation;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;

namespace Paydesk.Application.PaymentMethods;

/// <param name="PaymentMethod">A gateway payment method the frontend created (pm_…), or a test method such as pm_card_visa.</param>
/// <param name="Default">True to make it the default; by default only a user's first method becomes the default.</param>
public sealed record AttachPaymentMethodCommand(string? PaymentMethod, bool? Default);

public sealed class AttachPaymentMethodValidator : AbstractValidator<AttachPaymentMethodCommand>
{
    public AttachPaymentMethodValidator()
    {
        RuleFor(c => c.PaymentMethod).NotEmpty().WithMessage("The paymentMethod is required: a gateway payment-method id such as pm_card_visa.")
            .Must(SavedPaymentMethod.IsValidId).When(c => !string.IsNullOrEmpty(c.PaymentMethod), ApplyConditionTo.CurrentValidator)
            .WithMessage("The paymentMethod must be a gateway payment-method id such as pm_card_visa (pm_ and letters, digits or underscores). Never send card numbers.")
            .OverridePropertyName("paymentMethod");
    }
}

/// <summary>Saves a method the frontend created: attached to the user's customer at the gateway, then recorded.</summary>
public sealed class AttachPaymentMethodHandler(
    GatewayCustomers customers,
    IPaymentMethodGateway gateway,
    SavedMethods savedMethods,
    IUnitOfWork unitOfWork,
    IValidator<AttachPaymentMethodCommand> validator)
{
    public async Task<PaymentMethodResponse> HandleAsync(Guid userId, AttachPaymentMethodCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        var user = await customers.EnsureAsync(new UserId(userId), cancellationToken);

        // The key is derived from the user and the method, so a retried request attaches once.
        var attached = await gateway.AttachAsync(
            command.PaymentMethod!,
            user.GatewayCustomerId!,
            $"attach_{user.Id.Value:N}_{command.PaymentMethod}",
            cancellationToken);
        var method = await savedMethods.RecordAsync(user, attached, command.Default, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return PaymentMethodResponse.From(method, user);
    }
}
