using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Notifications;

/// <summary>The receipt, on <c>payment.succeeded</c>.</summary>
internal sealed class PaymentSucceededEmailHandler(
    EmailNotifications notifications,
    IUserRepository users,
    IPaymentRepository payments,
    ILogger<PaymentSucceededEmailHandler> logger) : PaymentEmailHandler<PaymentSucceededData>(users, payments, logger)
{
    protected override Guid PaymentIdOf(PaymentSucceededData data) => data.PaymentId;

    protected override Task<EmailSendResult> SendAsync(
        IntegrationEvent<PaymentSucceededData> integrationEvent, EmailRecipient to, PaymentFacts facts, CancellationToken cancellationToken) =>
        notifications.SendPaymentAsync(integrationEvent.Id, EmailNotifications.PaymentSucceeded, to, facts, cancellationToken);
}
