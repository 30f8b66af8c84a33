using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.WebhookEndpoints;
using Paydesk.Infrastructure.External.Email;

namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>Tells the operators (<c>Email:OperatorsAddress</c>, when set) that Paydesk disabled an endpoint that kept failing.</summary>
internal sealed partial class EndpointDisabledNotice(
    IEmailSender sender, IOptions<EmailOptions> emailOptions, IOptions<WebhookOptions> webhookOptions, ILogger<EndpointDisabledNotice> logger)
{
    public async Task SendAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        LogDisabled(logger, endpoint.Id, endpoint.FailingSince);
        var email = emailOptions.Value;
        if (email.OperatorsAddress is not { Length: > 0 } to)
        {
            return;
        }

        var days = webhookOptions.Value.DisableAfter.TotalDays.ToString("0.#", CultureInfo.InvariantCulture);
        var subject = $"{email.ProductName}: webhook endpoint disabled";
        var text = $"The webhook endpoint {endpoint.Id} ({endpoint.Url}) failed every delivery for {days} days, since {endpoint.FailingSince:u}, "
            + "and has been disabled. Fix the receiver, then enable it again (PATCH /v1/webhook-endpoints/{id} {\"enabled\": true}) "
            + "and redeliver what it missed (POST /v1/events/{id}/redeliver).";
        var html = $"<p>{WebUtility.HtmlEncode(text)}</p>";
        var messageId = $"webhook-endpoint-disabled-{endpoint.Id:N}-{endpoint.AutoDisabledAt?.ToUnixTimeSeconds()}@{email.MessageIdDomain}";
        var result = await sender.SendAsync(new EmailMessage(messageId, to, "Operators", subject, html, text), cancellationToken);
        if (result.Status != EmailSendStatus.Delivered)
        {
            LogNoticeFailed(logger, endpoint.Id, result.Status, result.Detail);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} disabled: every attempt failed since {FailingSince}")]
    private static partial void LogDisabled(ILogger logger, Guid endpointId, DateTimeOffset? failingSince);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notice that webhook endpoint {EndpointId} was disabled was not sent: {Status} {Detail}")]
    private static partial void LogNoticeFailed(ILogger logger, Guid endpointId, EmailSendStatus status, string? detail);
}
