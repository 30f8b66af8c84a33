using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Paydesk.Sandbox;

/// <summary>Sends Stripe-shaped events, signed with the webhook secret as Stripe signs them.</summary>
internal sealed partial class EmulatorWebhooks(StripeEmulatorOptions options, TimeProvider clock, ILogger logger)
{
    /// <summary>The API version the emulator stamps on its events (any value; receivers must not depend on it).</summary>
    public const string ApiVersion = "2025-01-27.acacia";

    private static readonly HttpClient DefaultClient = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Delivers (payload, signature header); by default an HTTP POST to <see cref="StripeEmulatorOptions.WebhookUrl"/>.</summary>
    public Func<string, string, CancellationToken, Task>? Transport { get; set; }

    public async Task SendAsync(string type, JsonObject dataObject, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["id"] = $"evt_sandbox{Guid.NewGuid():N}",
            ["object"] = "event",
            ["api_version"] = ApiVersion,
            ["created"] = now,
            ["type"] = type,
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["data"] = new JsonObject { ["object"] = dataObject },
        }.ToJsonString();
        var signature = WebhookSigner.Sign(payload, now, options.WebhookSecret);

        if (Transport is { } transport)
        {
            await transport(payload, signature, cancellationToken);
            return;
        }

        if (string.IsNullOrEmpty(options.WebhookUrl))
        {
            LogNoWebhookUrl(logger, type);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, options.WebhookUrl)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", signature);
        using var response = await DefaultClient.SendAsync(request, cancellationToken);
        LogDelivered(logger, type, (int)response.StatusCode);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox event {Type} not sent: PaymentGateway:Sandbox:WebhookUrl is empty")]
    private static partial void LogNoWebhookUrl(ILogger logger, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox event {Type} delivered: HTTP {Status}")]
    private static partial void LogDelivered(ILogger logger, string type, int status);
}
