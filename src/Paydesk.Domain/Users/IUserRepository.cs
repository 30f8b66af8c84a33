using Paydesk.Domain.Common;

namespace Paydesk.Domain.Users;

public interface IUserRepository
{
    void Add(User user);

    /// <summary>The user, tracked for changes.</summary>
    Task<User?> GetByIdAsync(UserId id, CancellationToken cancellationToken);

    /// <summary>The user, to read only: changes made to it are never saved.</summary>
    Task<User?> GetByIdReadOnlyAsync(UserId id, CancellationToken cancellationToken);

    /// <summary>The user whose gateway customer this is, tracked for changes.</summary>
    Task<User?> GetByGatewayCustomerIdAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>The user with this email ignoring case, to read only.</summary>
    Task<User?> GetByEmailReadOnlyAsync(Email email, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(UserId id, CancellationToken cancellationToken);
}
