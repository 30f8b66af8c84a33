using System.Diagnostics;
using Paydesk.Application.Common;
using System.Collections.Concurrent;
using System.Text;
using Paydesk.Infrastructure.External.Messaging.Outbox;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Paydesk.Infrastructure.External.Messaging.Transports;

/// <summary>
/// Publishes a batch on one channel with publisher confirms tracked by the client: every message of
/// the batch is in flight at once, and each one's task ends when the broker acks it (success), nacks
/// it, or returns it as unroutable (<c>mandatory</c>) — both failures.
/// </summary>
internal sealed class RabbitMqTransport(RabbitMqConnection connection, TimeProvider clock) : IOutboxTransport, IAsyncDisposable
{
    // One channel per concurrent batch (relay workers), reused; all on the one connection.
    private readonly ConcurrentQueue<IChannel> _idle = new();

    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var results = new string?[batch.Count];
        IChannel channel;
        try
        {
            channel = await RentChannelAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Array.Fill(results, $"broker unavailable: {ex.GetType().Name}: {ex.Message}");
            return results;
        }

        try
        {

            var settings = connection.Settings;
            using var timeout = new CancellationTokenSource(settings.PublishTimeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var publishes = new Task[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                publishes[i] = PublishAsync(channel, settings.Exchange, batch[i], linked.Token);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = await OutcomeAsync(publishes[i], settings.PublishTimeout, cancellationToken);
            }

            return results;
        }
        finally
        {
            await ReturnChannelAsync(channel);
        }
    }

    private static Task PublishAsync(IChannel channel, string exchange, OutboxMessage message, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            MessageId = message.Id.ToString(),
            ContentType = message.ContentType,
            Type = IntegrationEventCatalog.CloudEventType(message.EventType),
            AppId = "paydesk",
            Persistent = true,
            Timestamp = new AmqpTimestamp(message.CreatedAt.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?>(),
        };
        // The publish is a span of the trace that wrote the event, however much later it happens,
        // and the consumer continues from the publish.
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var writer);
        using var activity = PaydeskTelemetry.ActivitySource.StartActivity($"{message.EventType} publish", ActivityKind.Producer, writer);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", exchange);
        activity?.SetTag("messaging.message.id", message.Id.ToString());
        if ((activity?.Id ?? message.TraceParent) is { } traceParent)
        {
            properties.Headers["traceparent"] = traceParent;
        }

        if (message.TraceState is not null)
        {
            properties.Headers["tracestate"] = message.TraceState;
        }

        try
        {
            return channel.BasicPublishAsync(exchange, message.EventType, mandatory: true, properties, Encoding.UTF8.GetBytes(message.Payload), cancellationToken).AsTask();
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    private static async Task<string?> OutcomeAsync(Task publish, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await publish;
            return null;
        }
        catch (PublishException ex) when (ex.IsReturn)
        {
            return "unroutable: the broker returned the message (mandatory); no queue is bound for its routing key";
        }
        catch (PublishException)
        {
            return "nacked: the broker refused the message";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no confirm from the broker within {timeout}";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private async Task<IChannel> RentChannelAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryDequeue(out var idle))
        {
            if (idle.IsOpen)
            {
                return idle;
            }

            await idle.DisposeAsync();
        }

        var conn = await connection.GetAsync(cancellationToken);
        return await conn.CreateChannelAsync(
            new CreateChannelOptions(
                publisherConfirmationsEnabled: true,
                publisherConfirmationTrackingEnabled: true,
                outstandingPublisherConfirmationsRateLimiter: new ThrottlingRateLimiter(connection.Settings.MaxOutstandingConfirms)),
            cancellationToken);
    }

    private async Task ReturnChannelAsync(IChannel channel)
    {
        if (channel.IsOpen)
        {
            _idle.Enqueue(channel);
        }
        else
        {
            await channel.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryDequeue(out var channel))
        {
            await channel.DisposeAsync();
        }
    }
}
