using System.Globalization;
using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>Stripe's form encoding and list shape, shared by the resources.</summary>
internal sealed partial class EmulatorApi
{
    private static JsonObject List(IEnumerable<JsonNode> items, string kind, string url) => new()
    {
        ["object"] = kind,
        ["data"] = new JsonArray([.. items]),
        ["has_more"] = false,
        ["url"] = url,
    };

    private static bool TryAmount(Dictionary<string, string> form, string name, out long amount) =>
        long.TryParse(form.GetValueOrDefault(name), NumberStyles.None, CultureInfo.InvariantCulture, out amount);

    private static Dictionary<string, string> Metadata(Dictionary<string, string> form) =>
        form.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal) && p.Key.EndsWith(']'))
            .ToDictionary(p => p.Key["metadata[".Length..^1], p => p.Value, StringComparer.Ordinal);

    /// <summary>An update's metadata: Stripe merges the keys given, and an empty value deletes its key.</summary>
    private static Dictionary<string, string> MergedMetadata(IReadOnlyDictionary<string, string> current, Dictionary<string, string> form)
    {
        var metadata = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in Metadata(form))
        {
            if (value.Length == 0)
            {
                metadata.Remove(key);
            }
            else
            {
                metadata[key] = value;
            }
        }

        return metadata;
    }


    // Letters and digits at random, as Stripe's ids: hex digits would often hold a dozen digits in a
    // row, which Paydesk refuses as card-number-like in a payment-method id.
    private static string NewId(string prefix) =>
        $"{prefix}_sandbox{System.Security.Cryptography.RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24)}";
}
