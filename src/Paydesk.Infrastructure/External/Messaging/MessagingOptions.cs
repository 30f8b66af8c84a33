using System.ComponentModel.DataAnnotations;

namespace Paydesk.Infrastructure.External.Messaging;

public enum MessagingTransport
{
    /// <summary>Outbox rows are delivered to Paydesk's own handlers in this process; no broker.</summary>
    InProcess,

    /// <summary>Outbox rows are published to RabbitMQ; Paydesk's handlers consume from their own queue.</summary>
    RabbitMq,
}

/// <summary>The <c>Messaging</c> section: the outbox relay and its transport.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InProcess;

    /// <summary>The CloudEvents <c>source</c> attribute of every event Paydesk publishes.</summary>
    [Required]
    [MaxLength(200)]
    public string Source { get; set; } = "/paydesk";

    /// <summary>Run the relay in this process. Off for one-shot commands such as <c>migrate</c>.</summary>
    public bool RelayEnabled { get; set; } = true;

    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Relay loops per process on PostgreSQL (SQLite always runs one): while one waits for the
    /// broker's confirms, another claims the next batch, which keeps latency low under load.
    /// </summary>
    [Range(1, 16)]
    public int RelayWorkers { get; set; } = 2;

    /// <summary>How often the relay looks for due rows when nothing wakes it earlier.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After this many failed attempts a row is dead-lettered.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Published rows are deleted once they are older than this; the events API shows what is kept.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan PublishedRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The single-relay lease on SQLite: another process takes over after this long without a renewal.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SqliteLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public RabbitMqOptions RabbitMq { get; set; } = new();
}

/// <summary>The <c>Messaging:RabbitMq</c> section; checked only when the transport is RabbitMq.</summary>
public sealed class RabbitMqOptions
{
    /// <summary>amqp:// or amqps:// URI of the broker, credentials included (a secret in production).</summary>
    public string? Uri { get; set; }

    [Required]
    [MaxLength(255)]
    public string Exchange { get; set; } = "paydesk.events";

    /// <summary>The durable queue from which Paydesk's own handlers consume.</summary>
    [Required]
    [MaxLength(255)]
    public string HandlerQueue { get; set; } = "paydesk.handlers";

    /// <summary>How long a batch waits for the broker's confirms before its unconfirmed rows count as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Publishes in flight on the channel before the client throttles.</summary>
    [Range(1, 100_000)]
    public int MaxOutstandingConfirms { get; set; } = 1000;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(2);
}
