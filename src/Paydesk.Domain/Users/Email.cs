using System.Diagnostics.CodeAnalysis;
using Paydesk.Domain.Common;

namespace Paydesk.Domain.Users;

/// <summary>
/// An email address as its owner typed it. Two addresses are the same user when they are equal
/// ignoring case (<see cref="Normalized"/>), which is how mail providers treat them in practice.
/// </summary>
public sealed record Email
{
    public const int MaxLength = 254;

    private Email(string value)
    {
        Value = value;
        Normalized = value.ToLowerInvariant();
    }

    public string Value { get; }

    public string Normalized { get; }

    public static bool TryCreate(string? value, [NotNullWhen(true)] out Email? email, out string? error)
    {
        email = null;
        error = Validate(value);
        if (error is not null)
        {
            return false;
        }

        email = new Email(value!);
        return true;
    }

    public static Email Create(string? value) =>
        TryCreate(value, out var email, out var error) ? email : throw new InvalidValueException("invalid_email", error!);

    public override string ToString() => Value;

    private static string? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "The email is required.";
        }

        if (value.Length > MaxLength)
        {
            return $"The email must be at most {MaxLength} characters.";
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.IndexOf('@', StringComparison.Ordinal) != at)
        {
            return "The email must look like name@example.com.";
        }

        if (at > 64)
        {
            return "The part of the email before '@' must be at most 64 characters.";
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\' or '"' or '[' or ']')
            {
                return "The email must not contain spaces, control characters or any of < > ( ) , ; : \\ \" [ ].";
            }
        }

        var domain = value.AsSpan(at + 1);
        if (domain.IndexOf('.') <= 0 || domain[^1] == '.' || domain.Contains("..", StringComparison.Ordinal))
        {
            return "The email's domain must look like example.com.";
        }

        return null;
    }
}
