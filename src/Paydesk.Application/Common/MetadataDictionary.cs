using Paydesk.Domain.Common;

namespace Paydesk.Application.Common;

/// <summary>
/// A resource's metadata as answered and as stored for a replay: a JSON object of strings in key
/// order. Equal by its entries, so an answer replayed from its record equals the one first given.
/// </summary>
public sealed class MetadataDictionary : Dictionary<string, string>, IEquatable<MetadataDictionary>
{
    public MetadataDictionary()
        : base(StringComparer.Ordinal)
    {
    }

    public static MetadataDictionary From(Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var answer = new MetadataDictionary();
        foreach (var (key, value) in metadata.Entries)
        {
            answer.Add(key, value);
        }

        return answer;
    }

    public bool Equals(MetadataDictionary? other) =>
        other is not null && Count == other.Count
        && this.All(e => other.TryGetValue(e.Key, out var value) && string.Equals(value, e.Value, StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as MetadataDictionary);

    public override int GetHashCode()
    {
        // Order-independent, like Equals.
        var hash = 0;
        foreach (var (key, value) in this)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value));
        }

        return hash;
    }
}
