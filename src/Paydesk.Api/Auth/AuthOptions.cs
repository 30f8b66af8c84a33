using System.ComponentModel.DataAnnotations;

namespace Paydesk.Api.Auth;

/// <summary>The <c>Auth</c> section: the API keys that may call <c>/v1</c>, stored only as hashes.</summary>
internal sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    [MinLength(1, ErrorMessage = "At least one API key must be configured: create one with 'api-keys create'.")]
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Names scope idempotency keys and cursors, so two keys must never share one; a hash
        // configured twice would make the caller's name depend on the order of the list.
        foreach (var name in ApiKeys.GroupBy(k => k.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return new ValidationResult($"the name '{name}' is used by more than one key, but names must be unique.", [nameof(ApiKeys)]);
        }

        if (ApiKeys.GroupBy(k => k.Hash, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            yield return new ValidationResult("the same hash is configured for more than one key.", [nameof(ApiKeys)]);
        }
    }
}

internal sealed class ApiKeyOptions
{
    /// <summary>Who holds the key; idempotency keys, cursors and rate limits are scoped to it.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "The name must be 1 to 64 letters, digits, '_', '.' or '-'.")]
    public string Name { get; set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes; the key itself is never configured.</summary>
    [Required]
    [RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "The hash must be the 64 hex digits of the key's SHA-256.")]
    public string Hash { get; set; } = string.Empty;

    /// <summary>What the key may do: one or more of <see cref="ApiScopes.All"/>.</summary>
    [ApiScopeList]
    public List<string> Scopes { get; set; } = [];
}

/// <summary>At least one scope, each one of the known names.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ApiScopeListAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var members = validationContext.MemberName is null ? null : new[] { validationContext.MemberName };
        var scopes = value as IEnumerable<string> ?? [];
        var unknown = scopes.Where(s => !ApiScopes.IsKnown(s)).ToList();
        if (unknown.Count > 0)
        {
            return new ValidationResult(
                $"unknown scope(s) {string.Join(", ", unknown.Select(s => $"'{s}'"))} (use any of {string.Join(", ", ApiScopes.All)}).", members);
        }

        return scopes.Any()
            ? ValidationResult.Success
            : new ValidationResult($"the key has no scopes: give it one or more of {string.Join(", ", ApiScopes.All)}.", members);
    }
}
