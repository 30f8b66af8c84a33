using Microsoft.Extensions.Logging;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Notifications;

/// <summary>The failure notice, on <c>payment.failed</c>.</summary>
internal sealed class PaymentFailedEmailHandler(EmailNotifications notifications, IUserRepository users, IPaymentRepository payments, ILogger<PaymentFailedEmailHandler> logger)
    : PaymentEmailHandler<PaymentFailedData>(notifications, users, payments, logger)
{
    protected override string Template => EmailNotifications.PaymentFailed;
}
