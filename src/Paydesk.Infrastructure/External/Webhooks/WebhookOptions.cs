using System.ComponentModel.DataAnnotations;

namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>The <c>Webhooks</c> section: outgoing webhook delivery.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Run the delivery worker in this process (off for one-shot commands, like the relay).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Endpoint URLs must be https. Off in Development, where receivers run on http://localhost.</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Deliver to loopback, private, link-local and metadata addresses. Off except in Development.</summary>
    public bool AllowPrivateNetworks { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most of an answer that is read; the rest is never downloaded.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>The wait before each retry; once they are spent the delivery is dead.</summary>
    [Required]
    [MaxLength(50)]
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>An endpoint whose attempts have all failed for this long is disabled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a rotated-out secret keeps signing beside the new one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Attempts and finished deliveries are deleted once they are older than this.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan AttemptRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the worker looks for due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts in flight per process.</summary>
    [Range(1, 1000)]
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>Attempts in flight per endpoint and process, so a slow endpoint holds only these.</summary>
    [Range(1, 100)]
    public int MaxConcurrencyPerEndpoint { get; set; } = 4;

    /// <summary>How long a claimed delivery stays out of other instances' reach; must outlast <see cref="Timeout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The platforms' schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (about 1.2 days).</summary>
    public static IReadOnlyList<TimeSpan> DefaultRetrySchedule { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>The configured schedule, or the default when none is configured.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule.Count > 0 ? RetrySchedule : DefaultRetrySchedule;
}
