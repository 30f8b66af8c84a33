namespace Paydesk.Domain.WebhookEndpoints;

public interface IWebhookEndpointRepository
{
    void Add(WebhookEndpoint endpoint);

    void Remove(WebhookEndpoint endpoint);

    Task<WebhookEndpoint?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken);
}
