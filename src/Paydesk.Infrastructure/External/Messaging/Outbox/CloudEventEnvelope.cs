using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace Paydesk.Infrastructure.External.Messaging.Outbox;

/// <summary>The CloudEvents 1.0 envelope, in structured JSON mode, through the CloudNative SDK.</summary>
public static class CloudEventEnvelope
{
    /// <summary>The W3C trace context travels in the envelope as the distributed-tracing extension attributes.</summary>
    public static readonly CloudEventAttribute TraceParent = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    public static readonly CloudEventAttribute TraceState = CloudEventAttribute.CreateExtension("tracestate", CloudEventAttributeType.String);

    public static IReadOnlyList<CloudEventAttribute> ExtensionAttributes { get; } = [TraceParent, TraceState];

    public static JsonEventFormatter Formatter { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web), default);

    internal static (string ContentType, string Payload) Encode(
        Guid id, IntegrationEventContent content, string source, string? traceParent, string? traceState)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, ExtensionAttributes)
        {
            Id = id.ToString(),
            Type = IntegrationEventCatalog.CloudEventType(content.EventType),
            Source = new Uri(source, UriKind.RelativeOrAbsolute),
            Time = content.Time,
            Subject = content.Subject,
            DataContentType = MediaTypeNames.Application.Json,
            DataSchema = IntegrationEventCatalog.DataSchema(content.EventType, content.SchemaVersion),
            Data = content.Data,
        };
        if (traceParent is not null)
        {
            cloudEvent[TraceParent] = traceParent;
        }

        if (traceState is not null)
        {
            cloudEvent[TraceState] = traceState;
        }

        var bytes = Formatter.EncodeStructuredModeMessage(cloudEvent, out var contentType);
        return (contentType.ToString(), Encoding.UTF8.GetString(bytes.Span));
    }

    /// <summary>Reads an envelope back (Paydesk's own handlers, tests, consumers written in .NET).</summary>
    public static CloudEvent Decode(ReadOnlyMemory<byte> body, string contentType) =>
        Formatter.DecodeStructuredModeMessage(body, new ContentType(contentType), ExtensionAttributes);
}
