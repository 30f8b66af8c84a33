using Microsoft.AspNetCore.Identity;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Operators;

namespace Paydesk.Infrastructure.Security;

/// <summary>ASP.NET Core Identity's hasher (PBKDF2 with a random salt, its format versioned in the hash).</summary>
internal sealed class IdentityPasswordHasher : IPasswordHasher
{
    private readonly PasswordHasher<Operator> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public PasswordCheck Verify(string hash, string password) => _hasher.VerifyHashedPassword(null!, hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Right,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.RightButOutdated,
        _ => PasswordCheck.Wrong,
    };
}
