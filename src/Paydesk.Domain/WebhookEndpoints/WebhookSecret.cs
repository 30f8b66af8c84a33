using System.Security.Cryptography;

namespace Paydesk.Domain.WebhookEndpoints;

/// <summary>A Standard Webhooks signing secret: <c>whsec_</c> and the base64 of 32 random bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MaxLength = 100;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key bytes that sign: what follows the prefix, base64-decoded.</summary>
    public static byte[] KeyBytes(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
    }
}
