using Paydesk.Application.Common;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Users;

public sealed record UserResponse(Guid Id, string Email, string Name, DateTimeOffset CreatedAt, MetadataDictionary? Metadata = null)
{
    public static UserResponse From(User user) =>
        new(user.Id.Value, user.Email.Value, user.Name, user.CreatedAt, MetadataDictionary.From(user.Metadata));
}
