using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Users;

public sealed class GetUserHandler(IUserRepository users)
{
    public async Task<UserResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(new UserId(id), cancellationToken)
            ?? throw new NotFoundException("user_not_found", $"No user has the id {id}.");
        return UserResponse.From(user);
    }
}
