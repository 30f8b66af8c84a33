using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Notifications;

/// <summary>The refund confirmation, on <c>payment.refunded</c>: the amounts are the event's, as of that refund.</summary>
internal sealed class PaymentRefundedEmailHandler(EmailNotifications notifications, IUserRepository users, IPaymentRepository payments, ILogger<PaymentRefundedEmailHandler> logger)
    : PaymentEmailHandler<PaymentRefundedData>(notifications, users, payments, logger)
{
    protected override string Template => EmailNotifications.PaymentRefunded;

    protected override Task<EmailSendResult> SendAsync(
        IntegrationEvent<PaymentRefundedData> integrationEvent, EmailRecipient to, PaymentFacts facts, CancellationToken cancellationToken) =>
        Notifications.SendRefundAsync(
            integrationEvent.Id,
            to,
            facts with { AmountRefunded = integrationEvent.Data.AmountRefunded },
            integrationEvent.Data.Refund.Amount,
            cancellationToken);
}
