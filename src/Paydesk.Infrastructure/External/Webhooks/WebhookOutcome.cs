namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>The outcome tag of an attempt in the metrics.</summary>
internal static class WebhookOutcome
{
    public const string Succeeded = "succeeded";
    public const string Retrying = "retrying";
    public const string Dead = "dead";
}
