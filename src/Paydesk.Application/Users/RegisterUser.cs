using FluentValidation;
using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Users;

public sealed record RegisterUserCommand(string? Email, string? Name, IReadOnlyDictionary<string, string>? Metadata = null);

public sealed class RegisterUserValidator : AbstractValidator<RegisterUserCommand>
{
    public RegisterUserValidator()
    {
        RuleFor(c => c.Email)
            .Custom((email, context) =>
            {
                if (!Paydesk.Domain.Users.Email.TryCreate(email, out _, out var error))
                {
                    context.AddFailure("email", error);
                }
            });

        RuleFor(c => c.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("The name is required.")
            .Must(name => name is null || name.Trim().Length <= User.MaxNameLength).WithMessage($"The name must be at most {User.MaxNameLength} characters.")
            .Must(name => name is null || !name.Trim().Any(char.IsControl)).WithMessage("The name must not contain control characters.")
            .OverridePropertyName("name");
        RuleFor(c => c.Metadata).MustBeValidMetadata();
    }
}

public sealed class RegisterUserHandler(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IValidator<RegisterUserCommand> validator,
    TimeProvider clock)
{
    public async Task<UserResponse> HandleAsync(RegisterUserCommand command, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(command, cancellationToken);
        var email = Email.Create(command.Email);

        // The unique index on the normalised email decides, in the same round trip as the insert:
        // asking first would cost a query on every registration and still race.
        var user = User.Register(UserId.New(), email, command.Name!, clock.GetUtcNow(), Metadata.Create(command.Metadata));
        users.Add(user);
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException ex) when (ex.Concerns("email"))
        {
            throw EmailTaken();
        }

        return UserResponse.From(user);
    }

    private static ConflictException EmailTaken() =>
        new("email_taken", "A user with this email already exists.");
}
