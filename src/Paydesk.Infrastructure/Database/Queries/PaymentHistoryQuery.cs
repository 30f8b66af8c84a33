using Microsoft.EntityFrameworkCore;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Payments;
using Paydesk.Domain.Common;

namespace Paydesk.Infrastructure.Database.Queries;

/// <summary>A payment's history rows in their key's order, which is the order the changes were made in.</summary>
internal sealed class PaymentHistoryQuery(PaydeskDbContext db) : IPaymentHistoryQuery
{
    public async Task<IReadOnlyList<PaymentHistoryEntryResponse>> ListAsync(PaymentId paymentId, CancellationToken cancellationToken) =>
        await db.PaymentHistory
            .AsNoTracking()
            .Where(e => e.PaymentId == paymentId)
            .OrderBy(e => e.Version)
            .ThenBy(e => e.Step)
            .Select(e => new PaymentHistoryEntryResponse(e.At, e.SubjectType, e.Subject, e.FromStatus, e.ToStatus, e.Cause, e.Actor, e.Amount, e.Currency))
            .ToListAsync(cancellationToken);
}
