using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Paydesk.Infrastructure.Config;

/// <summary>
/// The <c>Https</c> section. Both switches are off by default: behind a TLS-terminating proxy the
/// service sees plain HTTP, so turn them on only together with <see cref="ProxyOptions"/>.
/// </summary>
public sealed class HttpsOptions
{
    public const string SectionName = "Https";

    /// <summary>Redirect plain HTTP to HTTPS (307).</summary>
    public bool Redirect { get; set; }

    /// <summary>The public HTTPS port that redirects point to (the proxy's, not Kestrel's).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 443;

    /// <summary>Send <c>Strict-Transport-Security</c> on HTTPS responses.</summary>
    public bool Hsts { get; set; }

    [Range(1, 2 * 365)]
    public int HstsMaxAgeDays { get; set; } = 365;
}

/// <summary>
/// The <c>ForwardedHeaders</c> section: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// believed only when they come from one of these addresses. Empty (the default): never believed.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
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

/// <summary>The <c>Cors</c> section: browsers' cross-origin calls. Empty (the default): CORS is off.</summary>
public sealed class CorsOriginsOptions : IValidatableObject
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
