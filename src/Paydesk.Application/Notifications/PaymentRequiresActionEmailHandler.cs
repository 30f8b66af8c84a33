using Microsoft.Extensions.Logging;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Notifications;

/// <summary>The notice that the customer must act, on <c>payment.requires_action</c>.</summary>
internal sealed class PaymentRequiresActionEmailHandler(EmailNotifications notifications, IUserRepository users, IPaymentRepository payments, ILogger<PaymentRequiresActionEmailHandler> logger)
    : PaymentEmailHandler<PaymentRequiresActionData>(notifications, users, payments, logger)
{
    protected override string Template => EmailNotifications.PaymentRequiresAction;
}
