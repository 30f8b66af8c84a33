using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paydesk.Domain.Common;
using Paydesk.Domain.WebhookEndpoints;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>Deletes attempts and finished deliveries past retention and refreshes the oldest-pending gauge.</summary>
internal sealed class WebhookHousekeeping(IServiceScopeFactory scopes, WebhookMetrics metrics, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        var now = Timestamps.Normalize(clock.GetUtcNow());
        var cutoff = now - options.Value.AttemptRetention;
        var deleted = await db.WebhookAttempts.Where(a => a.AttemptedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.WebhookDeliveries.Where(d => d.Status != WebhookDeliveryStatus.Pending && d.CompletedAt < cutoff).ExecuteDeleteAsync(cancellationToken);

        // Endpoints are few; each asks its index for its oldest pending delivery.
        var endpointIds = await db.WebhookEndpoints.AsNoTracking().Select(e => e.Id).ToListAsync(cancellationToken);
        var ages = new Dictionary<Guid, TimeSpan>();
        foreach (var id in endpointIds)
        {
            var oldest = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.EndpointId == id && d.Status == WebhookDeliveryStatus.Pending)
                .OrderBy(d => d.CreatedAt)
                .Select(d => (DateTimeOffset?)d.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            ages[id] = oldest is { } at ? now - at : TimeSpan.Zero;
        }

        metrics.ObserveOldestPending(ages);
        return deleted;
    }
}
