using System.Text.Json;
using Paydesk.Domain.Common;

namespace Paydesk.Infrastructure.Database.Converters;

/// <summary>The stored form of <see cref="Metadata"/>: a flat JSON object of strings, <c>{}</c> when empty.</summary>
internal static class MetadataJson
{
    public const string Empty = "{}";

    public static string Write(Metadata metadata) =>
        metadata.Count == 0 ? Empty : JsonSerializer.Serialize(metadata.Entries);

    public static Metadata Read(string json) =>
        string.IsNullOrEmpty(json) || json == Empty ? Metadata.Empty : Metadata.Create(JsonSerializer.Deserialize<Dictionary<string, string>>(json));
}
