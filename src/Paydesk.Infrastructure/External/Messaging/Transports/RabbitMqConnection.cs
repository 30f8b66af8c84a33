using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Paydesk.Infrastructure.External.Messaging.Transports;

/// <summary>
/// The process's one long-lived connection to the broker, with automatic connection and topology
/// recovery. Opened on first use (so a broker that is down at start-up only delays events), and
/// declares the exchange idempotently each time it is opened.
/// </summary>
public sealed partial class RabbitMqConnection(IOptions<MessagingOptions> options, ILogger<RabbitMqConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public RabbitMqOptions Settings => options.Value.RabbitMq;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not null)
            {
                return _connection;
            }

            var factory = new ConnectionFactory
            {
                Uri = new Uri(Settings.Uri!),
                AutomaticRecoveryEnabled = true,
                TopologyRecoveryEnabled = true,
                NetworkRecoveryInterval = Settings.RecoveryInterval,
                ClientProvidedName = $"paydesk:{Environment.MachineName}:{Environment.ProcessId}",
            };
            var connection = await factory.CreateConnectionAsync(cancellationToken);
            await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
            {
                await channel.ExchangeDeclareAsync(Settings.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            }

            LogConnected(logger, factory.Endpoint.ToString(), Settings.Exchange);
            _connection = connection;
            return connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to RabbitMQ at {Endpoint}; exchange {Exchange} declared")]
    private static partial void LogConnected(ILogger logger, string endpoint, string exchange);
}
