using System.Security.Cryptography;
using Paydesk.Domain.Common;

namespace Paydesk.Application.Operators;

/// <summary>The rules a chosen password must meet, and the one-time passwords the CLI hands out.</summary>
public static class OperatorPasswords
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    // No look-alikes (0/O, 1/l/I), so a password read off a terminal is typed right.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 24);

    public static void EnsureAcceptable(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            throw new InvalidValueException("weak_password", $"The password must be at least {MinLength} characters.");
        }

        if (password.Length > MaxLength)
        {
            throw new InvalidValueException("invalid_password", $"The password must be at most {MaxLength} characters.");
        }
    }
}
