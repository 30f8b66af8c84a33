using Paydesk.Application.Common;

namespace Paydesk.Application.WebhookEndpoints;

internal static class WebhookEndpointErrors
{
    public static NotFoundException NotFound(Guid id) => new("webhook_endpoint_not_found", $"No webhook endpoint has the id {id}.");
}
