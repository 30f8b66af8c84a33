using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Paydesk.Api.Http;

/// <summary>
/// The <c>ForwardedHeaders</c> section: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// believed only when they come from one of these addresses. Empty (the default): never believed.
/// </summary>
internal sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    public List<string> KnownProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"'{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }
    }
}
