using Paydesk.Domain.Common;

namespace Paydesk.Domain.Operators;

/// <summary>
/// A person who signs in to the dashboard. It guards its own lockout: after
/// <see cref="MaxFailedAttempts"/> wrong passwords in a row it refuses every attempt, even with the
/// right password, for <see cref="LockoutDuration"/>. The password itself is checked by the caller
/// (only the hash is kept here); the operator decides what the check means.
/// </summary>
public sealed class Operator
{
    public const int MaxNameLength = 100;
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private Operator(Guid id, string name, OperatorRole role, string passwordHash, bool mustChangePassword, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        NormalizedName = Normalize(name);
        Role = role;
        PasswordHash = passwordHash;
        MustChangePassword = mustChangePassword;
        CreatedAt = createdAt;
        SecurityStamp = NewStamp();
    }

    // For the persistence layer, which sets the properties itself.
    private Operator()
    {
        Name = null!;
        NormalizedName = null!;
        PasswordHash = null!;
        SecurityStamp = null!;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name in the form uniqueness and sign-in are decided on.</summary>
    public string NormalizedName { get; private set; }

    public OperatorRole Role { get; private set; }

    public string PasswordHash { get; private set; }

    public int FailedAttempts { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public bool Disabled { get; private set; }

    /// <summary>Set for a generated one-time password: the first sign-in must choose a new one.</summary>
    public bool MustChangePassword { get; private set; }

    /// <summary>Changes whenever existing sign-ins must stop working (disabled, new password).</summary>
    public string SecurityStamp { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Bumped by every change; the store uses it to refuse a lost update.</summary>
    public int Version { get; private set; }

    public static Operator Create(Guid id, string name, OperatorRole role, string passwordHash, bool mustChangePassword, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        return new Operator(id, ValidName(name), role, passwordHash, mustChangePassword, Timestamps.Normalize(now));
    }

    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant();
    }

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// Records one attempt whose password check gave <paramref name="passwordMatches"/>. While locked
    /// or disabled, nothing is counted and the answer does not depend on the password.
    /// </summary>
    public SignInOutcome AttemptSignIn(bool passwordMatches, DateTimeOffset now)
    {
        if (Disabled)
        {
            return SignInOutcome.Disabled;
        }

        if (IsLockedAt(now))
        {
            return SignInOutcome.Locked;
        }

        if (passwordMatches)
        {
            if (FailedAttempts != 0 || LockedUntil is not null)
            {
                FailedAttempts = 0;
                LockedUntil = null;
                Version++;
            }

            return SignInOutcome.SignedIn;
        }

        FailedAttempts++;
        Version++;
        if (FailedAttempts < MaxFailedAttempts)
        {
            return SignInOutcome.WrongPassword;
        }

        FailedAttempts = 0;
        LockedUntil = Timestamps.Normalize(now + LockoutDuration);
        return SignInOutcome.Locked;
    }

    /// <summary>A new password (already hashed); every existing sign-in stops working.</summary>
    public void ChangePassword(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        PasswordHash = passwordHash;
        MustChangePassword = false;
        SecurityStamp = NewStamp();
        Version++;
    }

    /// <summary>The same hash of the same password in a newer format; sign-ins stay valid.</summary>
    public void UpgradePasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        PasswordHash = passwordHash;
        Version++;
    }

    /// <summary>No further sign-in, and every existing one stops working. Disabling twice changes nothing.</summary>
    public void Disable()
    {
        if (Disabled)
        {
            return;
        }

        Disabled = true;
        SecurityStamp = NewStamp();
        Version++;
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new InvalidValueException("invalid_name", "The operator's name is required.");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new InvalidValueException("invalid_name", $"The operator's name must be at most {MaxNameLength} characters.");
        }

        if (trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new InvalidValueException("invalid_name", "The operator's name must not contain spaces or control characters.");
        }

        return trimmed;
    }
}
