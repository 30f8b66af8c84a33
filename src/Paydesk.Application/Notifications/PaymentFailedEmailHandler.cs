using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Notifications;

/// <summary>The failure notice, on <c>payment.failed</c>.</summary>
internal sealed class PaymentFailedEmailHandler(
    EmailNotifications notifications,
    IUserRepository users,
    IPaymentRepository payments,
    ILogger<PaymentFailedEmailHandler> logger) : PaymentEmailHandler<PaymentFailedData>(users, payments, logger)
{
    protected override Guid PaymentIdOf(PaymentFailedData data) => data.PaymentId;

    protected override Task<EmailSendResult> SendAsync(
        IntegrationEvent<PaymentFailedData> integrationEvent, EmailRecipient to, PaymentFacts facts, CancellationToken cancellationToken) =>
        notifications.SendPaymentAsync(integrationEvent.Id, EmailNotifications.PaymentFailed, to, facts, cancellationToken);
}
