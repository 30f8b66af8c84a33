using Microsoft.Extensions.Logging;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Notifications;

/// <summary>The receipt, on <c>payment.succeeded</c>.</summary>
internal sealed class PaymentSucceededEmailHandler(EmailNotifications notifications, IUserRepository users, IPaymentRepository payments, ILogger<PaymentSucceededEmailHandler> logger)
    : PaymentEmailHandler<PaymentSucceededData>(notifications, users, payments, logger)
{
    protected override string Template => EmailNotifications.PaymentSucceeded;
}
