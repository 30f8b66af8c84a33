using Paydesk.Domain.Common;
using Paydesk.Domain.WebhookEndpoints;

namespace Paydesk.Application.WebhookEndpoints;

/// <summary>Reading and deleting endpoints: one query or one removal each.</summary>
public sealed class WebhookEndpointQueries(IWebhookEndpointRepository endpoints, IUnitOfWork unitOfWork)
{
    public async Task<WebhookEndpointList> ListAsync(CancellationToken cancellationToken) =>
        new((await endpoints.ListAsync(cancellationToken)).Select(WebhookEndpointResponse.From).ToList());

    public async Task<WebhookEndpointResponse> GetAsync(Guid id, CancellationToken cancellationToken) =>
        WebhookEndpointResponse.From(await endpoints.GetByIdAsync(id, cancellationToken) ?? throw WebhookEndpointErrors.NotFound(id));

    /// <summary>Deletes the endpoint; its pending deliveries are abandoned, its attempts stay until retention.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetByIdAsync(id, cancellationToken) ?? throw WebhookEndpointErrors.NotFound(id);
        endpoints.Remove(endpoint);
        await unitOfWork.SaveChangesAsync(cancellationToken);
    }
}
