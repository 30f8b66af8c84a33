using Paydesk.Application.Payments;
using Paydesk.Domain.Payments;

namespace Paydesk.Dashboard.Payments;

/// <summary>Which actions a payment's state offers; the use cases decide again when asked.</summary>
internal static class PaymentActions
{
    public static bool IsCapturable(PaymentResponse payment) =>
        payment.Status == PaymentStatus.RequiresCapture.ToName() && payment.AmountCapturable > 0;

    public static bool IsCancelable(PaymentResponse payment) =>
        payment.Status == PaymentStatus.RequiresCapture.ToName()
        || payment.Status == PaymentStatus.RequiresAction.ToName()
        || (payment.Status == PaymentStatus.Pending.ToName() && payment.GatewayReference is not null);
}
