using Microsoft.Extensions.Logging;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Notifications;

/// <summary>The receipt of a manual-capture payment, on <c>payment.captured</c>: the amount taken.</summary>
internal sealed class PaymentCapturedEmailHandler(EmailNotifications notifications, IUserRepository users, IPaymentRepository payments, ILogger<PaymentCapturedEmailHandler> logger)
    : PaymentEmailHandler<PaymentCapturedData>(notifications, users, payments, logger)
{
    protected override string Template => EmailNotifications.PaymentCaptured;
}
