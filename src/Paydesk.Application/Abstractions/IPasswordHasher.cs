namespace Paydesk.Application.Abstractions;

/// <summary>Hashes operators' passwords one way, with a per-password salt; the password itself is never stored.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);
}

public enum PasswordCheck
{
    Wrong,
    Right,

    /// <summary>Right, but hashed in an older format: the caller stores a fresh hash.</summary>
    RightButOutdated,
}
