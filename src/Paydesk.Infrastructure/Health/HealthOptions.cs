using System.ComponentModel.DataAnnotations;

namespace Paydesk.Infrastructure.Health;

/// <summary>The <c>Health</c> section.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>How long a dependency's answer is reused by readiness probes; 0 asks every time.</summary>
    [Range(0, 60)]
    public double CacheSeconds { get; set; } = 2;
}
