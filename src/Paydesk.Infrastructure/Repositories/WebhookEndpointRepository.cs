using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.WebhookEndpoints;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Repositories;

internal sealed class WebhookEndpointRepository(PaydeskDbContext db) : IWebhookEndpointRepository
{
    public void Add(WebhookEndpoint endpoint) => db.WebhookEndpoints.Add(endpoint);

    public void Remove(WebhookEndpoint endpoint) => db.WebhookEndpoints.Remove(endpoint);

    public Task<WebhookEndpoint?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
}
