using System.ComponentModel.DataAnnotations;

namespace Paydesk.Infrastructure.External.Redis;

/// <summary>
/// The <c>Redis</c> section: the store that several instances share. Without
/// <see cref="Configuration"/> nothing uses Redis and each process keeps its own rate limits.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>redis.internal:6379,password=...,ssl=true</c>
    /// (a secret when it holds a password). Empty: no Redis.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Put before every key Paydesk writes, so several deployments can share one Redis.</summary>
    [Required]
    [MaxLength(100)]
    public string KeyPrefix { get; set; } = "paydesk:";

    /// <summary>
    /// How long one command may take before it counts as failed; it overrides the configuration
    /// string's own timeouts. Short, because a request waits for it before the limiter fails open.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Configuration);
}
