using System.Diagnostics;
using Microsoft.Extensions.Options;
using Paydesk.Domain.Common;

namespace Paydesk.Infrastructure.External.Messaging.Outbox;

/// <summary>Turns the domain events of a unit of work into outbox rows, with the current trace context.</summary>
internal sealed class OutboxWriter(IOptions<MessagingOptions> options)
{
    public OutboxMessage? ToOutboxMessage(IDomainEvent domainEvent)
    {
        var content = IntegrationEventCatalog.ToIntegrationEvent(domainEvent);
        return content is null ? null : Create(content);
    }

    public OutboxMessage Create(IntegrationEventContent content)
    {
        var id = Guid.CreateVersion7();
        var activity = Activity.Current;
        var traceParent = activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;
        var traceState = traceParent is null ? null : activity!.TraceStateString;
        var (contentType, payload) = CloudEventEnvelope.Encode(id, content, options.Value.Source, traceParent, traceState);
        var time = Timestamps.Normalize(content.Time);
        return new OutboxMessage
        {
            Id = id,
            EventType = content.EventType,
            Subject = content.Subject,
            ContentType = contentType,
            Payload = payload,
            TraceParent = traceParent,
            TraceState = traceState,
            CreatedAt = time,
            NextAttemptAt = time,
        };
    }
}
