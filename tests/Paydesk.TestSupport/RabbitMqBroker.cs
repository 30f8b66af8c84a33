using System.Diagnostics;
using RabbitMQ.Client;

namespace Paydesk.TestSupport;

/// <summary>
/// The RabbitMQ node of this test run (scripts/test.sh starts it). Missing is a failure, never a skip.
/// </summary>
public static class RabbitMqBroker
{
    public const string UriVariable = "PAYDESK_TEST_RABBITMQ";
    public const string CtlVariable = "PAYDESK_TEST_RABBITMQCTL";

    public static string Uri => Required(UriVariable, "an amqp:// URI of a broker where the tests may declare exchanges and queues");

    public static async Task<IConnection> ConnectAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri(Uri), AutomaticRecoveryEnabled = false };
        return await factory.CreateConnectionAsync();
    }

    /// <summary>A durable queue of the test's own, bound to <paramref name="exchange"/> (declared here too).</summary>
    public static async Task<string> DeclareBoundQueueAsync(string exchange, string routingKey = "#")
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = $"paydesk.test.{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, routingKey);
        return queue;
    }

    public static async Task BindAsync(string queue, string exchange, string routingKey)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueBindAsync(queue, exchange, routingKey);
    }

    public static async Task<uint> MessageCountAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    /// <summary>Takes every message now in the queue (acking each).</summary>
    public static async Task<List<BasicGetResult>> DrainAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<BasicGetResult>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    public static async Task DeleteAsync(string queue, string exchange)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
        await channel.ExchangeDeleteAsync(exchange);
    }

    /// <summary>Runs rabbitmqctl against the test node (e.g. <c>stop_app</c>), failing the test if it fails.</summary>
    public static async Task CtlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Required(CtlVariable, "the path of a script that runs rabbitmqctl against the test node"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with ./scripts/test.sh, which starts a throwaway RabbitMQ node, or set {variable} to {what}.");
}
