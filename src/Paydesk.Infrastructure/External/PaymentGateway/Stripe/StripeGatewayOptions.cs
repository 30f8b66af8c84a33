using System.ComponentModel.DataAnnotations;
using Paydesk.Infrastructure.Config;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>The <c>PaymentGateway:Stripe</c> section. Secrets come from user-secrets or the environment, never from a committed file.</summary>
public sealed class StripeGatewayOptions
{
    public const string SectionName = "PaymentGateway:Stripe";
    public const string SecretKeyKey = SectionName + ":SecretKey";
    public const string WebhookSecretKey = SectionName + ":WebhookSecret";

    /// <summary>The account's secret (<c>sk_live_…</c>, <c>sk_test_…</c>) or restricted (<c>rk_…</c>) key.</summary>
    [RequiredSetting(SecretKeyKey, "The Stripe secret key")]
    [RegularExpression("^(sk|rk)_[A-Za-z0-9_]+$", ErrorMessage = "The Stripe secret key must start with sk_ or rk_.")]
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>Where the API is: Stripe itself, or the sandbox emulator on loopback.</summary>
    [Required]
    [Url(ErrorMessage = "The ApiBase must be an absolute http(s) URL such as https://api.stripe.com.")]
    public string ApiBase { get; set; } = "https://api.stripe.com";

    /// <summary>The endpoint's signing secret (<c>whsec_…</c>) that webhooks are verified with.</summary>
    [RequiredSetting(WebhookSecretKey, "The webhook signing secret")]
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>How old a webhook's signed timestamp may be.</summary>
    [Range(1, 3600)]
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>The most one HTTP attempt may take before it is abandoned (and retried with the same key).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:02:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most one gateway call may take, retries included; then its outcome is unknown.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a network error, timeout, 409, 429 or 5xx (only for requests that are safe to repeat).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
