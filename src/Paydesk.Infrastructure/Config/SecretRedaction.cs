namespace Paydesk.Infrastructure.Config;

/// <summary>
/// Which configuration values are secrets, and how they are shown: <c>****</c> plus at most the last
/// four characters, and only when the secret is long enough that four characters give nothing away.
/// Connection strings (and the StackExchange.Redis configuration string) keep their shape and lose their password.
/// </summary>
public static class SecretRedaction
{
    private const string RedisConfigurationKey = "Redis:Configuration";

    private static readonly string[] SecretWords = ["password", "secret", "token", "apikey", "privatekey", "pwd"];

    public static bool IsSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = key[(key.LastIndexOf(':') + 1)..].Replace("_", string.Empty, StringComparison.Ordinal);
        return SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    public static string Redact(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase))
        {
            return RedactConnectionString(value);
        }

        if (key.Equals(RedisConfigurationKey, StringComparison.OrdinalIgnoreCase))
        {
            return RedactList(value, ',');
        }

        // A switch such as RequireApiKey=true names a secret without holding one.
        return IsSecret(key) && !bool.TryParse(value, out _) ? Mask(value) : value;
    }

    public static string Mask(string secret) =>
        secret.Length >= 16 ? $"****{secret[^4..]}" : "****";

    // Split by hand rather than with DbConnectionStringBuilder, which would lower-case every key.
    private static string RedactConnectionString(string value) => RedactList(value, ';');

    private static string RedactList(string value, char separator) =>
        string.Join(separator, value.Split(separator).Select(part =>
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            return equals > 0 && IsSecret(part[..equals].Trim()) ? $"{part[..(equals + 1)]}****" : part;
        }));
}
