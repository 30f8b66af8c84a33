using Microsoft.Extensions.Logging;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Notifications;

/// <summary>The notice that a payment was canceled and nothing charged, on <c>payment.canceled</c>.</summary>
internal sealed class PaymentCanceledEmailHandler(EmailNotifications notifications, IUserRepository users, IPaymentRepository payments, ILogger<PaymentCanceledEmailHandler> logger)
    : PaymentEmailHandler<PaymentCanceledData>(notifications, users, payments, logger)
{
    protected override string Template => EmailNotifications.PaymentCanceled;
}
