using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Domain.Operators;

namespace Paydesk.Application.Operators;

/// <param name="Session">Set only when <paramref name="Outcome"/> is <see cref="SignInOutcome.SignedIn"/>.</param>
public sealed record OperatorSignInResult(SignInOutcome Outcome, OperatorSession? Session);

public sealed class SignInOperatorHandler(IOperatorRepository operators, IUnitOfWork unitOfWork, IPasswordHasher hasher, TimeProvider clock)
{
    // Checked when the name is unknown, so an unknown name takes as long as a wrong password.
    private static string? s_decoyHash;

    public async Task<OperatorSignInResult> HandleAsync(string name, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(password);
        var found = name.Length <= Operator.MaxNameLength ? await operators.GetByNameAsync(name, cancellationToken) : null;
        if (found is null)
        {
            hasher.Verify(s_decoyHash ??= hasher.Hash(OperatorPasswords.Generate()), password);
            return new OperatorSignInResult(SignInOutcome.WrongPassword, null);
        }

        var check = password.Length <= OperatorPasswords.MaxLength ? hasher.Verify(found.PasswordHash, password) : PasswordCheck.Wrong;
        var outcome = found.AttemptSignIn(check != PasswordCheck.Wrong, clock.GetUtcNow());
        if (outcome == SignInOutcome.SignedIn && check == PasswordCheck.RightButOutdated)
        {
            found.UpgradePasswordHash(hasher.Hash(password));
        }

        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Another attempt for the same operator committed first; this one is refused rather
            // than lost, so concurrent guesses cannot slip past the count.
            return new OperatorSignInResult(SignInOutcome.WrongPassword, null);
        }

        return new OperatorSignInResult(outcome, outcome == SignInOutcome.SignedIn ? OperatorSession.From(found) : null);
    }
}
