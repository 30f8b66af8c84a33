using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

public sealed class GetPaymentHistoryHandler(IPaymentRepository payments, IPaymentHistoryQuery history)
{
    public async Task<PaymentHistory> HandleAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var id = new PaymentId(paymentId);
        _ = await payments.GetByIdReadOnlyAsync(id, cancellationToken) ?? throw GetPaymentHandler.PaymentNotFound(paymentId);
        return new PaymentHistory(await history.ListAsync(id, cancellationToken));
    }
}
