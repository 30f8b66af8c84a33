using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paydesk.Bench.Baseline;

/// <summary>An outbox row's payload: the CloudEvents JSON envelope Paydesk writes, with the same attributes.</summary>
internal sealed record CloudEvent<T>(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    [property: JsonPropertyName("dataschema")] string DataSchema,
    [property: JsonPropertyName("data")] T Data);

internal sealed record UserRegistered(Guid UserId, string Email, string Name, DateTimeOffset RegisteredAt);

internal sealed record PaymentSucceeded(Guid PaymentId, Guid UserId, long Amount, string Currency, string? GatewayReference, DateTimeOffset SucceededAt);

internal static class Events
{
    public const string UserRegisteredType = "user.registered";
    public const string PaymentSucceededType = "payment.succeeded";

    public static string Envelope<T>(Guid id, string type, Guid subject, DateTimeOffset time, T data) =>
        JsonSerializer.Serialize(
            new CloudEvent<T>("1.0", id, $"com.paydesk.{type}", "/paydesk", time, subject.ToString(), "application/json", $"urn:paydesk:events:{type}:v1", data),
            JsonSerializerOptions.Web);
}
