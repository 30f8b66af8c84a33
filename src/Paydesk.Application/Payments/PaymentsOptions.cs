using System.ComponentModel.DataAnnotations;

namespace Paydesk.Application.Payments;

/// <summary>
/// The <c>Payments</c> section: rules of a charge that an operator sets. The charge's validator
/// reads <see cref="AllowHttpReturnUrls"/>; reconciliation reads <see cref="ActionTimeout"/>.
/// </summary>
public sealed class PaymentsOptions
{
    public const string SectionName = "Payments";

    public static readonly TimeSpan DefaultActionTimeout = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a payment may wait in <c>requires_action</c> for the payer to authenticate; older,
    /// it is canceled at the gateway and fails with <c>authentication_abandoned</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ActionTimeout { get; set; } = DefaultActionTimeout;

    /// <summary>Accept <c>http</c> return URLs (a local frontend in Development); otherwise only <c>https</c>.</summary>
    public bool AllowHttpReturnUrls { get; set; }
}
