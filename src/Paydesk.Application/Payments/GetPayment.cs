using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

public sealed class GetPaymentHandler(IPaymentRepository payments)
{
    /// <param name="withSecrets">The caller may charge, so it may see the client secret and the next action's URL.</param>
    public async Task<PaymentResponse> HandleAsync(Guid id, bool withSecrets, CancellationToken cancellationToken)
    {
        var payment = await payments.GetByIdReadOnlyAsync(new PaymentId(id), cancellationToken)
            ?? throw PaymentNotFound(id);
        return withSecrets ? PaymentResponse.WithSecrets(payment) : PaymentResponse.From(payment);
    }

    internal static NotFoundException PaymentNotFound(Guid id) =>
        new("payment_not_found", $"No payment has the id {id}.");
}
