using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

public sealed class ListPaymentDisputesHandler(IPaymentRepository payments)
{
    public async Task<DisputeList> HandleAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var payment = await payments.GetByIdReadOnlyAsync(new PaymentId(paymentId), cancellationToken)
            ?? throw GetPaymentHandler.PaymentNotFound(paymentId);
        return new DisputeList(DisputeResponse.ListOf(payment));
    }
}
