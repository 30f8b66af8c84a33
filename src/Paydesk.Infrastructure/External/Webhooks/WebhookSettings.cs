using Microsoft.Extensions.Options;
using Paydesk.Application.WebhookEndpoints;

namespace Paydesk.Infrastructure.External.Webhooks;

internal sealed class WebhookSettings(IOptions<WebhookOptions> options) : IWebhookSettings
{
    public bool RequireHttps => options.Value.RequireHttps;

    public TimeSpan SecretOverlap => options.Value.SecretOverlap;
}
