using Paydesk.Application.Payments;
using Paydesk.Domain.Common;

namespace Paydesk.Application.Abstractions;

/// <summary>Reads the append-only history the unit of work writes with each change of a payment.</summary>
public interface IPaymentHistoryQuery
{
    /// <summary>The payment's history entries, oldest first; none for an unknown payment.</summary>
    Task<IReadOnlyList<PaymentHistoryEntryResponse>> ListAsync(PaymentId paymentId, CancellationToken cancellationToken);
}
