using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Operators;

namespace Paydesk.Application.Operators;

public sealed record ChangeOperatorPasswordCommand(Guid OperatorId, string CurrentPassword, string NewPassword);

public sealed class ChangeOperatorPasswordHandler(IOperatorRepository operators, IUnitOfWork unitOfWork, IPasswordHasher hasher)
{
    /// <returns>The session to sign in again with: the old one stops working with the old password.</returns>
    public async Task<OperatorSession> HandleAsync(ChangeOperatorPasswordCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = await operators.GetByIdAsync(command.OperatorId, cancellationToken);
        if (found is null || found.Disabled)
        {
            throw new NotFoundException("operator_not_found", "The operator does not exist or is disabled.");
        }

        if (hasher.Verify(found.PasswordHash, command.CurrentPassword) == PasswordCheck.Wrong)
        {
            throw new InvalidValueException("wrong_password", "The current password is not right.");
        }

        OperatorPasswords.EnsureAcceptable(command.NewPassword);
        if (command.NewPassword == command.CurrentPassword)
        {
            throw new InvalidValueException("same_password", "The new password must differ from the current one.");
        }

        found.ChangePassword(hasher.Hash(command.NewPassword));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return OperatorSession.From(found);
    }
}
