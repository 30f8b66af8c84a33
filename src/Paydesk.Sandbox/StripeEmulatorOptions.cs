using System.ComponentModel.DataAnnotations;

namespace Paydesk.Sandbox;

/// <summary>
/// The <c>PaymentGateway:Sandbox</c> section: the Stripe-compatible emulator this process may serve
/// on loopback so that the Stripe adapter runs without an account or a network.
/// </summary>
public sealed class StripeEmulatorOptions
{
    public const string SectionName = "PaymentGateway:Sandbox";

    /// <summary>Start the emulator with the service (Development).</summary>
    public bool Enabled { get; set; }

    /// <summary>Loopback port; 0 picks any free port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>The secret key the emulator accepts as Bearer token (a test key, never a real one).</summary>
    [Required]
    public string SecretKey { get; set; } = "sk_test_paydesk_sandbox";

    /// <summary>The secret the emulator signs its webhooks with (the receiver's <c>WebhookSecret</c>).</summary>
    [Required]
    public string WebhookSecret { get; set; } = "whsec_paydesk_sandbox";

    /// <summary>Where the emulator posts its webhooks, e.g. <c>http://127.0.0.1:5080/v1/webhooks/stripe</c>; none when empty.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>How long a <c>processing</c> payment takes to settle.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ProcessingDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a <c>capture_method=manual</c> authorization stays <c>requires_capture</c> before the
    /// emulator cancels it (<c>cancellation_reason: automatic</c>), as Stripe does after 7 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "31.00:00:00")]
    public TimeSpan AuthorizationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long after a <c>pm_card_createDispute</c> charge succeeds its dispute opens.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DisputeDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long every PaymentIntent create and confirm takes to answer, as a real gateway's network and
    /// card network do; 0 (the default) answers at once. A benchmark sets it to measure waiting, not CPU.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan Latency { get; set; }

    /// <summary>Share of API requests (0 to 1) that get a random fault; 0 in normal runs.</summary>
    [Range(0.0, 1.0)]
    public double FaultRate { get; set; }

    /// <summary>How long a <see cref="EmulatorFault.Delay"/> fault holds the request before handling it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan FaultDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many payment intents, charges, disputes, setup intents, payment methods, refunds and customers (each) and idempotency keys the emulator
    /// keeps in memory; beyond that it forgets the oldest, so a long-running sandbox stays bounded.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxObjects { get; set; } = 10_000;

    /// <summary>Seed for the fault dice, so a failing run can be repeated.</summary>
    public int? FaultSeed { get; set; }
}
