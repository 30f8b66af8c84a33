using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Paydesk.Dashboard;

/// <summary>
/// The stylesheet and icon, embedded in the assembly and served from memory, so a clean clone, a
/// published build and every environment serve the same files without a static-files manifest.
/// </summary>
internal static class DashboardAssets
{
    public const string RoutePrefix = "/dashboard/assets/";
    private const string ResourcePrefix = "DashboardAssets.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, Asset>> All = new(Load);

    /// <summary>The URL of an asset, versioned by its content so a new build is never served stale.</summary>
    public static string Url(string name) => $"{RoutePrefix}{name}?v={All.Value[name].ETag.Trim('"')}";

    public static IEndpointConventionBuilder MapDashboardAssets(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(RoutePrefix + "{name}", (string name, HttpContext context) =>
        {
            if (!All.Value.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
        })
        .AllowAnonymous()
        .ExcludeFromDescription();

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var content = memory.ToArray();
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
            assets[name] = new Asset(content, ContentTypes[Path.GetExtension(name)], etag);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
