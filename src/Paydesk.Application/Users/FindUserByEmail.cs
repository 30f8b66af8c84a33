using FluentValidation;
using FluentValidation.Results;
using Paydesk.Application.Common;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Users;

/// <summary>
/// Finds the one user registered with an email, ignoring case as registration does, so an
/// operator can look a customer up by the address they write from.
/// </summary>
public sealed class FindUserByEmailHandler(IUserRepository users)
{
    public async Task<UserResponse> HandleAsync(string? email, CancellationToken cancellationToken)
    {
        if (!Email.TryCreate(email?.Trim(), out var address, out var error))
        {
            throw new ValidationException([new ValidationFailure("email", error)]);
        }

        var user = await users.GetByEmailReadOnlyAsync(address, cancellationToken)
            ?? throw new NotFoundException("user_not_found", $"No user has the email {address.Value}.");
        return UserResponse.From(user);
    }
}
