using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Notifications;

/// <summary>The notice that the customer must act, on <c>payment.requires_action</c>.</summary>
internal sealed class PaymentRequiresActionEmailHandler(
    EmailNotifications notifications,
    IUserRepository users,
    IPaymentRepository payments,
    ILogger<PaymentRequiresActionEmailHandler> logger) : PaymentEmailHandler<PaymentRequiresActionData>(users, payments, logger)
{
    protected override Guid PaymentIdOf(PaymentRequiresActionData data) => data.PaymentId;

    protected override Task<EmailSendResult> SendAsync(
        IntegrationEvent<PaymentRequiresActionData> integrationEvent, EmailRecipient to, PaymentFacts facts, CancellationToken cancellationToken) =>
        notifications.SendPaymentAsync(integrationEvent.Id, EmailNotifications.PaymentRequiresAction, to, facts, cancellationToken);
}
