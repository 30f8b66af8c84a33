using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <summary>A payment's refunds, oldest first, and the minor units still refundable (pending refunds hold theirs).</summary>
public sealed record RefundList(IReadOnlyList<RefundResponse> Data, long Refundable);

public sealed class ListPaymentRefundsHandler(IPaymentRepository payments)
{
    public async Task<RefundList> HandleAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var payment = await payments.GetByIdReadOnlyAsync(new PaymentId(paymentId), cancellationToken)
            ?? throw GetPaymentHandler.PaymentNotFound(paymentId);
        var refundable = payment.Status is PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded ? payment.RefundableAmount : 0;
        return new RefundList(
            [.. payment.Refunds.OrderBy(r => r.CreatedAt).Select(r => RefundResponse.From(payment, r))],
            refundable);
    }
}
