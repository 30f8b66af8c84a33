using System.ComponentModel.DataAnnotations;

namespace Paydesk.Api.Http;

/// <summary>The <c>Cors</c> section: browsers' cross-origin calls. Empty (the default): CORS is off.</summary>
internal sealed class CorsOriginsOptions : IValidatableObject
{
    public const string SectionName = "Cors";

    public List<string> AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri)
                     || uri.Scheme is not ("https" or "http") || uri.PathAndQuery != "/" || o.EndsWith('/')))
        {
            yield return new ValidationResult($"'{origin}' is not an origin such as https://app.example.com (scheme, host, optional port, no path).", [nameof(AllowedOrigins)]);
        }
    }
}
