using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Paydesk.Infrastructure;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Outbox;
using Paydesk.Infrastructure.External.Messaging.Relay;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

// Outbox relay benchmark (issue 4). Not a test: it prints numbers and judges them against the goals.
//   1. A bare RabbitMQ.Client loop publishing with tracked confirms: the machine's ceiling.
//   2. The relay publishing the same number of outbox rows from PostgreSQL: goal >= 0.5 x the bare rate.
//   3. Commit -> broker latency at a steady 1,000 events/s through the running relay: goal p99 < 100 ms.
// Needs PAYDESK_BENCH_RABBITMQ (amqp:// URI) and PAYDESK_BENCH_POSTGRES (a server where it may create a database).
// Options: --events N, --rate N, --seconds N, --workers N, --database NAME and --exchange NAME (generated when
// absent: bench/run.sh passes its own so it can drop them even when this process is killed).
// The last line is machine-readable for bench/report.py: RELAYJSON {...}.

var rabbitUri = Required("PAYDESK_BENCH_RABBITMQ");
var postgres = Required("PAYDESK_BENCH_POSTGRES");
var events = IntArg(args, "--events", 20_000);
var rate = IntArg(args, "--rate", 1_000);
var seconds = IntArg(args, "--seconds", 10);
var workers = IntArg(args, "--workers", 2);
var exchange = StringArg(args, "--exchange", $"paydesk.bench.{Guid.NewGuid():N}");
var database = StringArg(args, "--database", $"paydesk_bench_{Guid.NewGuid():N}");
if (!Regex.IsMatch(database, "^[a-z0-9_]{1,63}$"))
{
    throw new ArgumentException($"--database must be 1-63 characters of [a-z0-9_], not '{database}'.");
}

var connectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;

await ExecuteOnServerAsync(postgres, $"CREATE DATABASE \"{database}\"");
var queue = exchange + ".queue";
var total = Stopwatch.StartNew();
try
{
    await DeclareQueueAsync(rabbitUri, exchange, queue);
    var payload = SamplePayload();

    var bareRate = await BareConfirmLoopAsync(rabbitUri, exchange, payload, events);
    await PurgeAsync(rabbitUri, queue);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare RabbitMQ.Client confirm loop : {bareRate,10:F0} events/s ({events} events)"));

    double relayRate;
    using (var host = BuildHost(connectionString, rabbitUri, exchange, relay: false))
    {
        await MigrateAsync(host.Services);
        await InsertRowsAsync(host.Services, events);
        var processor = host.Services.GetRequiredService<OutboxProcessor>();
        var stopwatch = Stopwatch.StartNew();
        var sent = 0;
        while (sent < events)
        {
            sent += await processor.RunOnceAsync(CancellationToken.None);
        }

        relayRate = events / stopwatch.Elapsed.TotalSeconds;
        await PurgeAsync(rabbitUri, queue);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"outbox relay (PostgreSQL -> broker): {relayRate,10:F0} events/s ({events} events)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"relay / bare                       : {relayRate / bareRate,10:F2} (goal >= 0.50) {(relayRate >= bareRate / 2 ? "MET" : "NOT MET")}"));
    }

    List<double> latencies;
    using (var host = BuildHost(connectionString, rabbitUri, exchange, relay: true, workers))
    {
        await host.StartAsync();
        latencies = await LatencyAsync(host.Services, rabbitUri, queue, rate, seconds);
        await host.StopAsync();
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"commit -> broker at {rate}/s for {seconds} s, {workers} relay workers: p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms " +
            $"(goal p99 < 100 ms) {(Percentile(latencies, 0.99) < 100 ? "MET" : "NOT MET")}"));
    }

    // One line for bench/report.py.
    Console.WriteLine("RELAYJSON " + JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["events"] = events,
        ["bare_rate"] = Math.Round(bareRate, 1),
        ["relay_rate"] = Math.Round(relayRate, 1),
        ["ratio"] = Math.Round(relayRate / bareRate, 3),
        ["latency_rate"] = rate,
        ["latency_seconds"] = seconds,
        ["latency_events"] = latencies.Count,
        ["workers"] = workers,
        ["p50_ms"] = Math.Round(Percentile(latencies, 0.50), 2),
        ["p99_ms"] = Math.Round(Percentile(latencies, 0.99), 2),
        ["max_ms"] = Math.Round(latencies[^1], 2),
        ["elapsed_s"] = Math.Round(total.Elapsed.TotalSeconds, 1),
    }));
}
finally
{
    // Failure or not, leave nothing behind on the servers.
    try
    {
        await DeleteAsync(rabbitUri, queue, exchange);
    }
    catch (Exception ex)
    {
        // Still drop the database below; the broker's failure is reported, not hidden.
        await Console.Error.WriteLineAsync($"could not delete exchange {exchange} and queue {queue}: {ex.Message}");
    }

    NpgsqlConnection.ClearAllPools();
    await ExecuteOnServerAsync(postgres, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
}

return 0;

static async Task<double> BareConfirmLoopAsync(string uri, string exchange, byte[] payload, int count)
{
    var factory = new ConnectionFactory { Uri = new Uri(uri) };
    await using var connection = await factory.CreateConnectionAsync();
    await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
        publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
        outstandingPublisherConfirmationsRateLimiter: new ThrottlingRateLimiter(1000)));
    var stopwatch = Stopwatch.StartNew();
    const int Batch = 200;
    for (var start = 0; start < count; start += Batch)
    {
        var publishes = new List<Task>(Batch);
        for (var i = start; i < Math.Min(start + Batch, count); i++)
        {
            var properties = new BasicProperties { MessageId = Guid.NewGuid().ToString(), Persistent = true, ContentType = "application/cloudevents+json" };
            publishes.Add(channel.BasicPublishAsync(exchange, "bench.event", mandatory: true, properties, payload).AsTask());
        }

        await Task.WhenAll(publishes);
    }

    return count / stopwatch.Elapsed.TotalSeconds;
}

static async Task<List<double>> LatencyAsync(IServiceProvider services, string uri, string queue, int rate, int seconds)
{
    // Arrival and commit times are joined at the end: a message may arrive before its producer has
    // recorded the commit time.
    var committedAt = new ConcurrentDictionary<string, long>();
    var arrivedAt = new ConcurrentDictionary<string, long>();
    var total = rate * seconds;
    var done = new TaskCompletionSource();
    var factory = new ConnectionFactory { Uri = new Uri(uri) };
    await using var connection = await factory.CreateConnectionAsync();
    await using var channel = await connection.CreateChannelAsync();
    var consumer = new AsyncEventingBasicConsumer(channel);
    consumer.ReceivedAsync += (_, delivery) =>
    {
        var now = Stopwatch.GetTimestamp();
        if (delivery.BasicProperties.MessageId is { } id && arrivedAt.TryAdd(id, now) && arrivedAt.Count >= total)
        {
            done.TrySetResult();
        }

        return Task.CompletedTask;
    };
    await channel.BasicConsumeAsync(queue, autoAck: true, consumer);

    var writer = services.GetRequiredService<OutboxWriter>();
    var signal = services.GetRequiredService<OutboxSignal>();
    var stopwatch = Stopwatch.StartNew();
    // Eight producers, each committing its share one event per transaction, paced to the target rate.
    var producers = Enumerable.Range(0, 8).Select(p => Task.Run(async () =>
    {
        for (var i = p; i < total; i += 8)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - stopwatch.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
            var row = writer.Create(new IntegrationEventContent("bench.event", 1, $"bench-{i}", DateTimeOffset.UtcNow, new { sequence = i }));
            db.OutboxMessages.Add(row);
            await db.SaveChangesAsync();
            committedAt[row.Id.ToString()] = Stopwatch.GetTimestamp();
            signal.Notify();
        }
    })).ToArray();
    await Task.WhenAll(producers);
    await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
    return arrivedAt.Select(a => Stopwatch.GetElapsedTime(committedAt[a.Key], a.Value).TotalMilliseconds).ToList();
}

static IHost BuildHost(string connectionString, string rabbitUri, string exchange, bool relay, int workers = 1)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Paydesk"] = connectionString,
        ["Database:MaxPoolSize"] = "30",
        ["Database:CommandTimeoutSeconds"] = "30",
        ["Database:MaxRetryCount"] = "3",
        ["Auth:ApiKeys:0:Name"] = "bench",
        ["Auth:ApiKeys:0:Hash"] = new string('0', 64),
        ["Auth:ApiKeys:0:Scopes:0"] = "users:read",
        // The host validates every section on start; the gateway is not used here.
        ["PaymentGateway:Stripe:SecretKey"] = "sk_test_paydesk_bench",
        ["PaymentGateway:Stripe:WebhookSecret"] = "whsec_paydesk_bench",
        ["Messaging:Transport"] = "RabbitMq",
        ["Messaging:RelayEnabled"] = relay ? "true" : "false",
        ["Messaging:RabbitMq:Uri"] = rabbitUri,
        ["Messaging:RabbitMq:Exchange"] = exchange,
        ["Messaging:RabbitMq:HandlerQueue"] = exchange + ".handlers",
        ["Messaging:BatchSize"] = "500",
        ["Messaging:RelayWorkers"] = workers.ToString(CultureInfo.InvariantCulture),
    });
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddInfrastructure();
    // The benchmark measures the broker path; Paydesk's own handler queue is not part of it.
    var consumer = builder.Services.Single(d => d.ImplementationType?.Name == "RabbitMqHandlerConsumer");
    builder.Services.Remove(consumer);
    return builder.Build();
}

static async Task MigrateAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<PaydeskDbContext>().Database.MigrateAsync();
}

static async Task InsertRowsAsync(IServiceProvider services, int count)
{
    var writer = services.GetRequiredService<OutboxWriter>();
    for (var start = 0; start < count; start += 2000)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        db.OutboxMessages.AddRange(Enumerable.Range(start, Math.Min(2000, count - start))
            .Select(i => writer.Create(new IntegrationEventContent("bench.event", 1, $"bench-{i}", DateTimeOffset.UtcNow, new { sequence = i }))));
        await db.SaveChangesAsync();
    }
}

static byte[] SamplePayload()
{
    var (_, payload) = CloudEventEnvelope.Encode(Guid.CreateVersion7(),
        new IntegrationEventContent("bench.event", 1, "bench-0", DateTimeOffset.UtcNow, new { sequence = 0 }), "/paydesk", null, null);
    return Encoding.UTF8.GetBytes(payload);
}

static async Task DeclareQueueAsync(string uri, string exchange, string queue)
{
    var factory = new ConnectionFactory { Uri = new Uri(uri) };
    await using var connection = await factory.CreateConnectionAsync();
    await using var channel = await connection.CreateChannelAsync();
    await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true);
    await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
    await channel.QueueBindAsync(queue, exchange, "bench.event");
}

static async Task PurgeAsync(string uri, string queue)
{
    var factory = new ConnectionFactory { Uri = new Uri(uri) };
    await using var connection = await factory.CreateConnectionAsync();
    await using var channel = await connection.CreateChannelAsync();
    await channel.QueuePurgeAsync(queue);
}

static async Task DeleteAsync(string uri, string queue, string exchange)
{
    var factory = new ConnectionFactory { Uri = new Uri(uri) };
    await using var connection = await factory.CreateConnectionAsync();
    await using var channel = await connection.CreateChannelAsync();
    await channel.QueueDeleteAsync(queue);
    await channel.ExchangeDeleteAsync(exchange);
}

static async Task ExecuteOnServerAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The name is a generated identifier, not input.
    command.CommandText = sql;
#pragma warning restore CA2100
    await command.ExecuteNonQueryAsync();
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
    ? value
    : throw new InvalidOperationException($"Set {name}; see README, 'Benchmark: outbox relay'.");

static string StringArg(string[] args, string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static int IntArg(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
