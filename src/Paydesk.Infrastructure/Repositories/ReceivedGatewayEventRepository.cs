using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Webhooks;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Repositories;

internal sealed class ReceivedGatewayEventRepository(PaydeskDbContext db) : IReceivedGatewayEventRepository
{
    public void Add(ReceivedGatewayEvent gatewayEvent) => db.ReceivedGatewayEvents.Add(gatewayEvent);

    public Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) =>
        db.ReceivedGatewayEvents.AnyAsync(e => e.Id == id, cancellationToken);
}
