using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Paydesk.Infrastructure.External.Messaging.Transports;

/// <summary>
/// With the RabbitMq transport, Paydesk's own handlers receive events the way any other consumer
/// does: from their own durable queue bound to the exchange. A message is acked only after every
/// handler committed it (inbox included), and requeued otherwise, so delivery is at least once.
/// </summary>
internal sealed partial class RabbitMqHandlerConsumer(
    RabbitMqConnection connection,
    InboxDispatcher dispatcher,
    IOptions<MessagingOptions> options,
    ILogger<RabbitMqHandlerConsumer> logger) : BackgroundService
{
    private IChannel? _channel;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Transport != MessagingTransport.RabbitMq || !options.Value.RelayEnabled)
        {
            return;
        }

        // Keep trying until the broker answers; from then on the client recovers the consumer itself.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StartConsumingAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStartFailed(logger, ex);
                await Task.Delay(options.Value.RabbitMq.RecoveryInterval, stoppingToken);
            }
        }
    }

    private async Task StartConsumingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.RabbitMq;
        var conn = await connection.GetAsync(cancellationToken);
        _channel = await conn.CreateChannelAsync(cancellationToken: cancellationToken);
        await _channel.QueueDeclareAsync(settings.HandlerQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await _channel.QueueBindAsync(settings.HandlerQueue, settings.Exchange, "#", cancellationToken: cancellationToken);
        await _channel.BasicQosAsync(0, 50, global: false, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += OnReceivedAsync;
        await _channel.BasicConsumeAsync(settings.HandlerQueue, autoAck: false, consumer, cancellationToken);
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var channel = ((AsyncEventingBasicConsumer)sender).Channel;
        try
        {
            await dispatcher.DispatchAsync(delivery.Body, delivery.BasicProperties.ContentType ?? "application/cloudevents+json", delivery.CancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }
        catch (Exception ex)
        {
            LogHandlingFailed(logger, ex, delivery.BasicProperties.MessageId);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start consuming Paydesk's handler queue; retrying")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A handler failed for message {MessageId}; it is requeued")]
    private static partial void LogHandlingFailed(ILogger logger, Exception exception, string? messageId);
}
