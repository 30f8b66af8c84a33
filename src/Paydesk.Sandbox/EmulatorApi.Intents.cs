using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Paydesk.Sandbox;

/// <summary>What PaymentIntents and SetupIntents share: client secrets, return URLs, authentication, and their webhooks.</summary>
internal sealed partial class EmulatorApi
{
    public const string AuthenticationPagePath = "/sandbox/3ds/";

    /// <summary>The emulator's own address, where the authentication page is served (set once it listens).</summary>
    public Uri? PageOrigin { get; set; }

    private static string ClientSecretFor(string id) => $"{id}_secret_{Secret()}";

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static EmulatorResponse? ReturnUrl(Dictionary<string, string> form, out string? returnUrl)
    {
        returnUrl = form.GetValueOrDefault("return_url");
        return returnUrl is null || (Uri.TryCreate(returnUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            ? null
            : EmulatorResponse.InvalidRequest("Invalid URL: return_url must be an absolute http or https URL.", "return_url", "url_invalid");
    }

    /// <summary>The intent now waits for the customer on the sandbox's authentication page.</summary>
    private void RequireAuthentication(EmulatedIntent intent, string? returnUrl)
    {
        intent.AuthenticationToken = Secret();
        intent.Status = "requires_action";
        intent.ReturnUrl = returnUrl;
        var origin = PageOrigin?.GetLeftPart(UriPartial.Authority) ?? $"http://127.0.0.1:{_options.Port}";
        intent.NextAction = new NextAction($"{origin}{AuthenticationPagePath}{intent.Id}?token={intent.AuthenticationToken}", returnUrl);
    }

    /// <summary>Sends the event in the background: an API answer never waits for the webhook receiver.</summary>
    private void Announce(string type, JsonObject snapshot)
    {
        var token = _stopping.Token;
        _ = Task.Run(() => SendSafelyAsync(type, snapshot, token), CancellationToken.None);
    }

    /// <summary>Sends the events one after another in the background, so that a receiver sees them in this order.</summary>
    private Task AnnounceInOrder(IReadOnlyList<(string Type, JsonObject Snapshot)> events)
    {
        var token = _stopping.Token;
        return Task.Run(
            async () =>
            {
                foreach (var (type, snapshot) in events)
                {
                    await SendSafelyAsync(type, snapshot, token);
                }
            },
            CancellationToken.None);
    }

    private async Task SendSafelyAsync(string type, JsonObject snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await Webhooks.SendAsync(type, snapshot, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
#pragma warning disable CA1031 // A failed delivery must not fail the page or the request that caused it; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogWebhookFailed(_logger, ex, type);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sandbox could not deliver event {Type}")]
    private static partial void LogWebhookFailed(ILogger logger, Exception exception, string type);
}
