using System.Text;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Infrastructure.External.Messaging.Transports;

/// <summary>
/// No broker: the rows are delivered to Paydesk's own handlers, as one batch. A row counts as sent
/// only when every handler has committed it, so a failure is retried with the outbox's backoff, and
/// the inbox keeps handlers that already succeeded from applying it twice.
/// </summary>
internal sealed class InProcessTransport(InboxDispatcher dispatcher) : IOutboxTransport
{
    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var results = new string?[batch.Count];
        var decoded = new List<ReceivedIntegrationEvent>(batch.Count);
        var positions = new List<int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                decoded.Add(InboxDispatcher.ToReceivedEvent(CloudEventEnvelope.Decode(Encoding.UTF8.GetBytes(batch[i].Payload), batch[i].ContentType)));
                positions.Add(i);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results[i] = Describe(ex);
            }
        }

        var failures = await dispatcher.DispatchBatchAsync(decoded, cancellationToken);
        for (var j = 0; j < failures.Count; j++)
        {
            if (failures[j] is { } failure)
            {
                results[positions[j]] = Describe(failure);
            }
        }

        return results;
    }

    private static string Describe(Exception ex) => ex is AggregateException { InnerExceptions.Count: > 0 } aggregate
        ? string.Join("; ", aggregate.InnerExceptions.Select(e => $"{e.GetType().Name}: {e.Message}"))
        : $"{ex.GetType().Name}: {ex.Message}";
}
