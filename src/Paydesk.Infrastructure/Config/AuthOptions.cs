using System.ComponentModel.DataAnnotations;

namespace Paydesk.Infrastructure.Config;

/// <summary>The <c>Auth</c> section: the API keys that may call <c>/v1</c>, stored only as hashes.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    [MinLength(1, ErrorMessage = "At least one API key must be configured; create one with its SHA-256 hash.")]
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}

public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key; idempotency keys are scoped to it.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "The name must be 1 to 64 letters, digits, '_', '.' or '-'.")]
    public string Name { get; set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes; the key itself is never configured.</summary>
    [Required]
    [RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "The hash must be the 64 hex digits of the key's SHA-256.")]
    public string Hash { get; set; } = string.Empty;
}
