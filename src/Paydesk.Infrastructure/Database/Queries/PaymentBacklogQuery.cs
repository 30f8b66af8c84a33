using Microsoft.EntityFrameworkCore;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.Database.Queries;

internal sealed class PaymentBacklogQuery(PaydeskDbContext db) : IPaymentBacklogQuery
{
    public Task<DateTimeOffset?> OldestPendingCreatedAtAsync(CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking()
            .Where(p => p.Status == PaymentStatus.Pending)
            .OrderBy(p => p.CreatedAt)
            .Select(p => (DateTimeOffset?)p.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
}
