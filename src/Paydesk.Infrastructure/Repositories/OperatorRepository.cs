using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Operators;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Repositories;

internal sealed class OperatorRepository(PaydeskDbContext db) : IOperatorRepository
{
    public void Add(Operator @operator) => db.Operators.Add(@operator);

    public Task<Operator?> GetByNameAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = Operator.Normalize(name);
        return db.Operators.FirstOrDefaultAsync(o => o.NormalizedName == normalized, cancellationToken);
    }

    public Task<Operator?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Operators.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public Task<Operator?> GetByIdReadOnlyAsync(Guid id, CancellationToken cancellationToken) =>
        db.Operators.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Operator>> ListAsync(CancellationToken cancellationToken) =>
        await db.Operators.AsNoTracking().OrderBy(o => o.NormalizedName).ToListAsync(cancellationToken);
}
