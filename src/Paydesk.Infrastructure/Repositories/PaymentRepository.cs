using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Repositories;

internal sealed class PaymentRepository(PaydeskDbContext db) : IPaymentRepository
{
    public void Add(Payment payment) => db.Payments.Add(payment);

    public Task<Payment?> GetByIdAsync(PaymentId id, CancellationToken cancellationToken) =>
        db.Payments.Include(p => p.Refunds).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<Payment?> GetByIdReadOnlyAsync(PaymentId id, CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking().Include(p => p.Refunds).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Payment>> ListDueForReconciliationAsync(DateTimeOffset now, DateTimeOffset createdBy, int count, CancellationToken cancellationToken) =>
        await db.Payments
            .Include(p => p.Refunds)
            .Where(p => p.Status == PaymentStatus.Pending || p.Refunds.Any(r => r.Status == RefundStatus.Pending))
            .Where(p => (p.NextReconcileAt == null && p.CreatedAt <= createdBy) || p.NextReconcileAt <= now)
            .OrderBy(p => p.CreatedAt)
            .Take(count)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Payment>> ListByUserAsync(UserId userId, PaymentPagePosition? after, int count, CancellationToken cancellationToken)
    {
        var query = db.Payments.AsNoTracking().Where(p => p.UserId == userId);
        if (after is { } position)
        {
            // Keyset paging: rows strictly after the last one returned, in (created_at, id) order.
            query = query.Where(p => p.CreatedAt < position.CreatedAt
                || (p.CreatedAt == position.CreatedAt && p.Id.CompareTo(position.Id) < 0));
        }

        return await query
            .OrderByDescending(p => p.CreatedAt)
            .ThenByDescending(p => p.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
    }
}
