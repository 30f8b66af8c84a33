using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Notifications;

/// <summary>
/// What the payment emails share: the payment and its user, read as they are now (without
/// tracking: nothing here is changed), and one inbox name for all four event types.
/// </summary>
internal abstract class PaymentEmailHandler<TEvent>(
    EmailNotifications notifications,
    IUserRepository users,
    IPaymentRepository payments,
    ILogger logger) : IIntegrationEventHandler<TEvent>
    where TEvent : IPaymentEventData
{
    /// <summary>
    /// The name the single payment handler had: inbox records written before the split keep
    /// matching. It is unique per event, as each event has one type.
    /// </summary>
    public string Name => "email.payment";

    protected EmailNotifications Notifications => notifications;

    /// <summary>The template of this email, one of <see cref="EmailNotifications"/>' payment templates.</summary>
    protected abstract string Template { get; }

    public async Task HandleAsync(IntegrationEvent<TEvent> integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var payment = await payments.GetByIdReadOnlyAsync(new PaymentId(integrationEvent.Data.PaymentId), cancellationToken);
        var user = payment is null ? null : await users.GetByIdReadOnlyAsync(payment.UserId, cancellationToken);
        if (payment is null || user is null)
        {
            // The event outlived its payment (never in this service, where nothing is deleted);
            // retrying cannot help, so it is recorded and dropped.
            EmailOutcome.Accept(EmailSendResult.Permanent("the payment or its user no longer exists"), integrationEvent, logger);
            return;
        }

        var to = new EmailRecipient(user.Email.Value, user.Name);
        var facts = new PaymentFacts(payment.Id.Value, payment.Amount, payment.Currency, payment.Description, payment.CreatedAt, payment.FailureMessage, payment.AmountRefunded);
        var result = await SendAsync(integrationEvent, to, facts, cancellationToken);
        EmailOutcome.Accept(result, integrationEvent, logger);
    }

    /// <summary>Sends the email as the payment is now; an email that shows more of its event overrides it.</summary>
    protected virtual Task<EmailSendResult> SendAsync(IntegrationEvent<TEvent> integrationEvent, EmailRecipient to, PaymentFacts facts, CancellationToken cancellationToken) =>
        notifications.SendPaymentAsync(integrationEvent.Id, Template, to, facts, cancellationToken);
}
