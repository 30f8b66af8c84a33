using Paydesk.Domain.Users;

namespace Paydesk.Application.Users;

public sealed record UserResponse(Guid Id, string Email, string Name, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string>? Metadata = null)
{
    public static UserResponse From(User user) =>
        new(user.Id.Value, user.Email.Value, user.Name, user.CreatedAt, user.Metadata.Entries);
}
