using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Repositories;

internal sealed class PaymentRepository(PaydeskDbContext db) : IPaymentRepository
{
    // The reads behind the GET endpoints are compiled: they run on every request.
    private static readonly CompiledPerModel<Func<PaydeskDbContext, PaymentId, CancellationToken, Task<Payment?>>> ReadOnlyById = new(() =>
        EF.CompileAsyncQuery((PaydeskDbContext db, PaymentId id, CancellationToken _) =>
            db.Payments.AsNoTracking().Include(p => p.Refunds).Include(p => p.Disputes).AsSplitQuery().FirstOrDefault(p => p.Id == id)));

    private static readonly CompiledPerModel<Func<PaydeskDbContext, UserId, int, IAsyncEnumerable<Payment>>> FirstPageByUser = new(() =>
        EF.CompileAsyncQuery((PaydeskDbContext db, UserId userId, int count) =>
            db.Payments.AsNoTracking()
                .Include(p => p.Disputes)
                .Where(p => p.UserId == userId)
                .OrderByDescending(p => p.CreatedAt)
                .ThenByDescending(p => p.Id)
                .Take(count)));

    // Keyset paging: rows strictly after the last one returned, in (created_at, id) order.
    private static readonly CompiledPerModel<Func<PaydeskDbContext, UserId, DateTimeOffset, PaymentId, int, IAsyncEnumerable<Payment>>> NextPageByUser = new(() =>
        EF.CompileAsyncQuery((PaydeskDbContext db, UserId userId, DateTimeOffset createdAt, PaymentId id, int count) =>
            db.Payments.AsNoTracking()
                .Include(p => p.Disputes)
                .Where(p => p.UserId == userId)
                .Where(p => p.CreatedAt < createdAt || (p.CreatedAt == createdAt && p.Id.CompareTo(id) < 0))
                .OrderByDescending(p => p.CreatedAt)
                .ThenByDescending(p => p.Id)
                .Take(count)));

    public void Add(Payment payment)
    {
        db.Payments.Add(payment);
        db.Set<PaymentMetadataEntry>().AddRange(PaymentMetadataEntry.Of(payment));
    }

    public Task<Payment?> GetByIdAsync(PaymentId id, CancellationToken cancellationToken) =>
        db.Payments.Include(p => p.Refunds).Include(p => p.Disputes).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<Payment?> GetByGatewayReferenceAsync(string gatewayReference, CancellationToken cancellationToken) =>
        db.Payments.Include(p => p.Refunds).Include(p => p.Disputes).AsSplitQuery().FirstOrDefaultAsync(p => p.GatewayReference == gatewayReference, cancellationToken);

    public Task<Payment?> GetByIdReadOnlyAsync(PaymentId id, CancellationToken cancellationToken) =>
        ReadOnlyById.For(db)(db, id, cancellationToken);

    public async Task<IReadOnlyList<Payment>> ListDueForReconciliationAsync(DateTimeOffset now, DateTimeOffset createdBy, int count, CancellationToken cancellationToken) =>
        await db.Payments
            .Include(p => p.Refunds)
            .Where(p => p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.RequiresAction || p.Refunds.Any(r => r.Status == RefundStatus.Pending))
            .Where(p => (p.NextReconcileAt == null && p.CreatedAt <= createdBy) || p.NextReconcileAt <= now)
            .OrderBy(p => p.CreatedAt)
            .Take(count)
            .ToListAsync(cancellationToken);

    public Task<IReadOnlyList<Payment>> ListByMetadataAsync(string key, string value, PaymentPagePosition? after, int count, CancellationToken cancellationToken) =>
        ListAsync(PaymentSearchQuery.Page(db, new PaymentFilter { Metadata = [new(key, value)] }, after, count), cancellationToken);

    public Task<IReadOnlyList<Payment>> SearchAsync(PaymentFilter filter, PaymentPagePosition? after, int count, CancellationToken cancellationToken) =>
        ListAsync(PaymentSearchQuery.Page(db, filter, after, count).Include(p => p.Disputes), cancellationToken);

    public async Task<IReadOnlyList<Payment>> ListByUserAsync(UserId userId, PaymentPagePosition? after, int count, CancellationToken cancellationToken)
    {
        var rows = after is { } position
            ? NextPageByUser.For(db)(db, userId, position.CreatedAt, position.Id, count)
            : FirstPageByUser.For(db)(db, userId, count);
        var page = new List<Payment>(count);
        await foreach (var payment in rows.WithCancellation(cancellationToken))
        {
            page.Add(payment);
        }

        return page;
    }

    private static async Task<IReadOnlyList<Payment>> ListAsync(IQueryable<Payment> query, CancellationToken cancellationToken) =>
        await query.ToListAsync(cancellationToken);
}
