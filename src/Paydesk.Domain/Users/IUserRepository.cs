using Paydesk.Domain.Common;

namespace Paydesk.Domain.Users;

public interface IUserRepository
{
    void Add(User user);

    Task<User?> GetByIdAsync(UserId id, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(UserId id, CancellationToken cancellationToken);
}
