using System.Globalization;
using Npgsql;
using Paydesk.Api.Auth;
using Paydesk.Infrastructure.Database;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Instances;

/// <summary>
/// Three processes of the built service behind no load balancer (the tests spread the requests
/// themselves), sharing one PostgreSQL database, one RabbitMQ exchange, one Redis and one Stripe
/// sandbox. The sandbox runs in the test process, so it can count what each payment cost it, and
/// so all three instances see the same payment intents (a sandbox per instance would not know the
/// payments its neighbours created, and reconciliation would ask the wrong one).
/// </summary>
internal sealed class InstanceCluster : IAsyncDisposable
{
    public const int Size = 3;

    private InstanceCluster(TestDatabase database, StripeEmulator emulator, string exchange, string eventsQueue)
    {
        Database = database;
        Emulator = emulator;
        Exchange = exchange;
        EventsQueue = eventsQueue;
    }

    public TestDatabase Database { get; }

    public StripeEmulator Emulator { get; }

    public string Exchange { get; }

    /// <summary>A consumer's queue bound to every event the instances publish.</summary>
    public string EventsQueue { get; }

    public List<ServiceInstance> Instances { get; } = [];

    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "paydesk-tests-mail", Guid.NewGuid().ToString("N"));

    /// <summary>Migrates once (as a release does), then starts the instances side by side.</summary>
    public static async Task<InstanceCluster> StartAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var emulator = await StripeEmulator.StartAsync(new StripeEmulatorOptions
        {
            SecretKey = PaydeskApiFactory.StripeSecretKey,
            WebhookSecret = PaydeskApiFactory.WebhookSecret,
            ProcessingDelay = TimeSpan.FromHours(1),
            MaxObjects = 100_000,
        });
        var exchange = $"paydesk.test.instances.{Guid.NewGuid():N}";
        var queue = await RabbitMqBroker.DeclareBoundQueueAsync(exchange);
        var cluster = new InstanceCluster(database, emulator, exchange, queue);
        try
        {
            var settings = cluster.Settings(overrides);
            var migrate = await ServiceProcess.RunAsync(
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
                AppContext.BaseDirectory,
                ["migrate", .. settings.Select(s => $"--{s.Key}={s.Value}")]);
            Assert.True(migrate.ExitCode == 0, migrate.Output);
            cluster.Instances.AddRange(await Task.WhenAll(Enumerable.Range(1, Size).Select(i => ServiceInstance.StartAsync($"instance-{i}", settings))));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The tests' own fixed queries, with parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<List<string>> ColumnAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The tests' own fixed queries.
        command.CommandText = sql;
#pragma warning restore CA2100
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    /// <summary>Outbox rows not yet published (neither published nor dead-lettered).</summary>
    public Task<long> PendingOutboxRowsAsync() => ScalarAsync("SELECT count(*) FROM outbox_messages WHERE status <> 'published'");

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances)
        {
            await instance.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        await RabbitMqBroker.DeleteAsync(EventsQueue, Exchange);
        await Database.DisposeAsync();
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }

    private Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? overrides)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Paydesk"] = Database.ConnectionString,
            ["Database:MaxPoolSize"] = "20",
            ["Auth:ApiKeys:0:Name"] = "primary",
            ["Auth:ApiKeys:0:Hash"] = PaydeskApiFactory.Sha256(PaydeskApiFactory.ApiKey),
            ["PaymentGateway:Provider"] = "Stripe",
            ["PaymentGateway:Stripe:SecretKey"] = PaydeskApiFactory.StripeSecretKey,
            ["PaymentGateway:Stripe:ApiBase"] = Emulator.BaseAddress.ToString(),
            ["PaymentGateway:Stripe:WebhookSecret"] = PaydeskApiFactory.WebhookSecret,
            ["PaymentGateway:Stripe:RetryBaseDelay"] = "00:00:00.010",
            ["PaymentGateway:Sandbox:Enabled"] = "false",
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Uri"] = RabbitMqBroker.Uri,
            ["Messaging:RabbitMq:Exchange"] = Exchange,
            ["Messaging:RabbitMq:HandlerQueue"] = $"{Exchange}.handlers",
            ["Messaging:PollInterval"] = "00:00:00.200",
            ["Redis:Configuration"] = RedisServer.Address,
            ["Redis:KeyPrefix"] = RedisServer.UniquePrefix(),
            ["Reconciliation:Enabled"] = "false",
            ["RateLimiting:Burst"] = "1000000",
            ["RateLimiting:PermitsPerPeriod"] = "1000000",
            ["Email:PickupDirectory"] = MailDirectory,
            ["Health:CacheSeconds"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var i = 0;
        foreach (var scope in ApiScopes.All)
        {
            settings[$"Auth:ApiKeys:0:Scopes:{i++}"] = scope;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
