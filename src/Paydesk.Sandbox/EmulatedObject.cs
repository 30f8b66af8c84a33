using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>What every stored emulator object has, as Stripe's objects do: an id, metadata and a creation time.</summary>
internal abstract class EmulatedObject
{
    public required string Id { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; set; }

    /// <summary>Unix seconds, as Stripe writes <c>created</c>.</summary>
    public required long Created { get; init; }

    protected JsonObject MetadataJson()
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in Metadata)
        {
            metadata[key] = value;
        }

        return metadata;
    }
}
