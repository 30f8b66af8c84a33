using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Paydesk.Api.Auth;
using Scalar.AspNetCore;

namespace Paydesk.Api.OpenApi;

/// <summary>
/// The OpenAPI document and the interactive reference under /docs. The reference talks only to
/// Paydesk: its script and styles are served from here, requests go straight to this service
/// (no request proxy), and the buttons and links that would lead elsewhere are off or inert.
/// </summary>
internal static class ApiReference
{
    /// <summary>The local key README documents for Development; /docs fills it in when Development accepts it.</summary>
    public const string DevelopmentApiKey = "sk_test_paydesk_dev";

    // The links Scalar draws that no option turns off: its own ("Powered by", its logo in the request
    // panel) are hidden; a response's status links to MDN, so it stays as text but cannot be followed.
    private const string ContainOutsideLinks =
        "a[href*='scalar.com'], a[href*='github.com/scalar'] { display: none !important; } " +
        "a[href*='developer.mozilla.org'] { pointer-events: none !important; text-decoration: none !important; }";

    public static WebApplication MapPaydeskApiReference(this WebApplication app)
    {
        app.MapOpenApi();

        var prefilledKey = PrefilledKey(app);
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("Paydesk API")
                .DisableDefaultFonts()
                .HideClientButton()
                .HideDeveloperTools()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .WithCustomCss(ContainOutsideLinks)
                .AddPreferredSecuritySchemes(ApiKeyAuthenticationHandler.SchemeName);
            if (prefilledKey is not null)
            {
                options.AddHttpAuthentication(ApiKeyAuthenticationHandler.SchemeName, scheme => scheme.WithToken(prefilledKey));
            }
        });
        return app;
    }

    /// <summary>
    /// Only in Development, and only while that environment's configuration still accepts the
    /// documented key: a key that would be refused would only make "try it" fail with a 401.
    /// </summary>
    private static string? PrefilledKey(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DevelopmentApiKey)));
        var keys = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.ApiKeys;
        return keys.Any(key => string.Equals(key.Hash, hash, StringComparison.OrdinalIgnoreCase)) ? DevelopmentApiKey : null;
    }
}
