namespace Paydesk.Domain.Operators;

/// <summary>What one sign-in attempt came to.</summary>
public enum SignInOutcome
{
    SignedIn,
    WrongPassword,

    /// <summary>Locked now: by earlier failures, or by this one being the last allowed.</summary>
    Locked,
    Disabled,
}
