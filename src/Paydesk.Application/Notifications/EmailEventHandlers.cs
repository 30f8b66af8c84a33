using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Notifications;

// The emails are reactions to integration events, run through the inbox: a redelivered event is
// skipped once its email was recorded, so each event sends one email. The one gap: a crash after the
// SMTP server accepted the message and before the inbox row committed sends it again on redelivery,
// with the same Message-ID, which lets mail systems (and people) see it is a duplicate.

/// <summary>The welcome email, on <c>user.registered</c>.</summary>
public sealed class WelcomeEmailHandler(EmailNotifications notifications, ILogger<WelcomeEmailHandler> logger) : IIntegrationEventHandler
{
    public string Name => "email.welcome";

    public bool Handles(string eventType) => eventType == "user.registered";

    public async Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var to = new EmailRecipient(
            integrationEvent.Data.GetProperty("email").GetString()!,
            integrationEvent.Data.GetProperty("name").GetString()!);
        var result = await notifications.SendWelcomeAsync(integrationEvent.Id, to, cancellationToken);
        EmailOutcome.Accept(result, integrationEvent, logger);
    }
}

/// <summary>The receipt, failure notice, action notice and refund confirmation, on the payment events.</summary>
public sealed class PaymentEmailHandler(
    EmailNotifications notifications,
    IUserRepository users,
    IPaymentRepository payments,
    ILogger<PaymentEmailHandler> logger) : IIntegrationEventHandler
{
    public string Name => "email.payment";

    public bool Handles(string eventType) =>
        eventType is "payment.succeeded" or "payment.failed" or "payment.requires_action" or "payment.refunded";

    public async Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var data = integrationEvent.Data;
        var payment = await payments.GetByIdAsync(new PaymentId(data.GetProperty("paymentId").GetGuid()), cancellationToken);
        var user = payment is null ? null : await users.GetByIdAsync(payment.UserId, cancellationToken);
        if (payment is null || user is null)
        {
            // The event outlived its payment (never in this service, where nothing is deleted);
            // retrying cannot help, so it is recorded and dropped.
            EmailOutcome.Accept(EmailSendResult.Permanent("the payment or its user no longer exists"), integrationEvent, logger);
            return;
        }

        var to = new EmailRecipient(user.Email.Value, user.Name);
        var facts = new PaymentFacts(payment.Id.Value, payment.Amount, payment.Currency, payment.Description, payment.CreatedAt, payment.FailureMessage, payment.AmountRefunded);
        var result = integrationEvent.Type switch
        {
            "payment.succeeded" => await notifications.SendPaymentAsync(integrationEvent.Id, EmailNotifications.PaymentSucceeded, to, facts, cancellationToken),
            "payment.failed" => await notifications.SendPaymentAsync(integrationEvent.Id, EmailNotifications.PaymentFailed, to, facts, cancellationToken),
            "payment.requires_action" => await notifications.SendPaymentAsync(integrationEvent.Id, EmailNotifications.PaymentRequiresAction, to, facts, cancellationToken),
            _ => await notifications.SendRefundAsync(
                integrationEvent.Id,
                to,
                facts with { AmountRefunded = data.GetProperty("amountRefunded").GetInt64() },
                data.GetProperty("refund").GetProperty("amount").GetInt64(),
                cancellationToken),
        };
        EmailOutcome.Accept(result, integrationEvent, logger);
    }
}

/// <summary>A transient failure is thrown so the event is delivered again later; a permanent one is recorded and not retried.</summary>
internal static partial class EmailOutcome
{
    public static void Accept(EmailSendResult result, IntegrationEvent integrationEvent, ILogger logger)
    {
        switch (result.Status)
        {
            case EmailSendStatus.TransientFailure:
                throw new EmailDeferredException($"The email for event {integrationEvent.Id} ({integrationEvent.Type}) could not be sent yet: {result.Detail}");
            case EmailSendStatus.PermanentFailure:
                LogPermanent(logger, integrationEvent.Id, integrationEvent.Type, result.Detail);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The email for event {EventId} ({EventType}) failed permanently and will not be retried: {Detail}")]
    private static partial void LogPermanent(ILogger logger, Guid eventId, string eventType, string? detail);
}

/// <summary>The email could not be sent now; the event will be delivered again with backoff.</summary>
public sealed class EmailDeferredException : Exception
{
    public EmailDeferredException()
    {
    }

    public EmailDeferredException(string message)
        : base(message)
    {
    }

    public EmailDeferredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
