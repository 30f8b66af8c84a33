using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Repositories;

internal sealed class SavedPaymentMethodRepository(PaydeskDbContext db) : ISavedPaymentMethodRepository
{
    public void Add(SavedPaymentMethod method) => db.SavedPaymentMethods.Add(method);

    public Task<SavedPaymentMethod?> GetByIdAsync(string id, CancellationToken cancellationToken) =>
        db.SavedPaymentMethods.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    public Task<SavedPaymentMethod?> GetByIdReadOnlyAsync(string id, CancellationToken cancellationToken) =>
        db.SavedPaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    public async Task<IReadOnlyList<SavedPaymentMethod>> ListAttachedByUserAsync(UserId userId, CancellationToken cancellationToken) =>
        await db.SavedPaymentMethods.AsNoTracking()
            .Where(m => m.UserId == userId && m.DetachedAt == null)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
}
