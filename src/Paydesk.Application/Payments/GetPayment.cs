using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

public sealed class GetPaymentHandler(IPaymentRepository payments)
{
    public async Task<PaymentResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var payment = await payments.GetByIdReadOnlyAsync(new PaymentId(id), cancellationToken)
            ?? throw PaymentNotFound(id);
        return PaymentResponse.From(payment);
    }

    internal static NotFoundException PaymentNotFound(Guid id) =>
        new("payment_not_found", $"No payment has the id {id}.");
}
