using System.ComponentModel.DataAnnotations;

namespace Paydesk.Api.Http;

/// <summary>
/// The <c>Https</c> section. Both switches are off by default: behind a TLS-terminating proxy the
/// service sees plain HTTP, so turn them on only together with <see cref="ProxyOptions"/>.
/// </summary>
internal sealed class HttpsOptions
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
