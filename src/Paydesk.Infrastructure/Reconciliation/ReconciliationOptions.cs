using System.ComponentModel.DataAnnotations;

namespace Paydesk.Infrastructure.Reconciliation;

/// <summary>The <c>Reconciliation</c> section: when pending payments are checked with the gateway.</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>Run the background worker in this instance (any number of instances may).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How old a pending payment must be before its first check.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FirstCheckAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time between the checks of one payment.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks before a payment the gateway has no record of fails with <c>gateway_unknown</c>.</summary>
    [Range(1, 100)]
    public int MaxChecks { get; set; } = 5;

    /// <summary>How often the worker looks for due payments.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The most payments one round checks.</summary>
    [Range(1, 10000)]
    public int BatchSize { get; set; } = 100;
}
