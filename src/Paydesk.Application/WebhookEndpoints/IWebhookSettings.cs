namespace Paydesk.Application.WebhookEndpoints;

/// <summary>The configured rules the endpoint use cases follow (Infrastructure's <c>Webhooks</c> section).</summary>
public interface IWebhookSettings
{
    /// <summary>Endpoint URLs must be https (everywhere but Development).</summary>
    bool RequireHttps { get; }

    /// <summary>How long a rotated-out secret keeps signing beside the new one.</summary>
    TimeSpan SecretOverlap { get; }
}
