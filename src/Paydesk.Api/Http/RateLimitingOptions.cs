using System.ComponentModel.DataAnnotations;

namespace Paydesk.Api.Http;

/// <summary>
/// The <c>RateLimiting</c> section: one token bucket per API key. A key may send
/// <see cref="Burst"/> requests at once, and gets <see cref="PermitsPerPeriod"/> back every
/// <see cref="PeriodSeconds"/> seconds.
/// </summary>
internal sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Off only for benchmarks or a trusted single caller; on by default.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int PermitsPerPeriod { get; set; } = 50;

    [Range(0.001, 86_400)]
    public double PeriodSeconds { get; set; } = 1;

    /// <summary>The bucket's size: how many requests may come at once after a quiet spell.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;
}
