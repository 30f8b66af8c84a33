using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Common;
using Paydesk.Domain.Users;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Repositories;

internal sealed class UserRepository(PaydeskDbContext db) : IUserRepository
{
    public void Add(User user) => db.Users.Add(user);

    public Task<User?> GetByIdAsync(UserId id, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<User?> GetByIdReadOnlyAsync(UserId id, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<User?> GetByGatewayCustomerIdAsync(string customerId, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.GatewayCustomerId == customerId, cancellationToken);

    // Through the normalized copy, so the unique index answers on every provider.
    public Task<User?> GetByEmailReadOnlyAsync(Email email, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == email.Normalized, cancellationToken);

    public Task<bool> ExistsAsync(UserId id, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == id, cancellationToken);
}
