using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paydesk.Application.Common;

/// <summary>
/// Writes a string map with its keys in ordinal order, so that a request's fingerprint does not
/// depend on the order the caller sent its metadata keys in.
/// </summary>
internal sealed class OrdinalKeyOrderConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader, StoredJson.Options);

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (key, entry) in value.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, entry);
        }

        writer.WriteEndObject();
    }
}
