using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Operators;

namespace Paydesk.Application.Operators;

/// <param name="Password">The operator's password; null to generate a one-time password that must be changed at first sign-in.</param>
public sealed record CreateOperatorCommand(string Name, OperatorRole Role, string? Password);

/// <param name="OneTimePassword">The generated password, to hand to the operator once; null when the caller chose one.</param>
public sealed record CreatedOperator(Guid Id, string Name, OperatorRole Role, string? OneTimePassword);

public sealed class CreateOperatorHandler(IOperatorRepository operators, IUnitOfWork unitOfWork, IPasswordHasher hasher, TimeProvider clock)
{
    public async Task<CreatedOperator> HandleAsync(CreateOperatorCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var oneTime = command.Password is null ? OperatorPasswords.Generate() : null;
        var password = command.Password ?? oneTime!;
        OperatorPasswords.EnsureAcceptable(password);
        var created = Operator.Create(Guid.CreateVersion7(), command.Name, command.Role, hasher.Hash(password), mustChangePassword: oneTime is not null, clock.GetUtcNow());
        operators.Add(created);
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            throw new ConflictException("operator_exists", $"An operator named '{created.Name}' already exists.");
        }

        return new CreatedOperator(created.Id, created.Name, created.Role, oneTime);
    }
}
