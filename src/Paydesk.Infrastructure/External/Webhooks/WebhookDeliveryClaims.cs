using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paydesk.Domain.Common;
using Paydesk.Domain.WebhookEndpoints;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.External.Webhooks;

internal readonly record struct ClaimedDelivery(Guid Id, Guid EndpointId, Guid Token);

/// <summary>
/// Claims due deliveries with a version-checked update: the claim moves the due time to the end of
/// a lease and is conditioned on the row still being due, so of several instances racing for a row
/// exactly one changes it (on PostgreSQL the losers re-check the updated row and skip it). The
/// claim's token is the concurrency token of the outcome's write. A crashed instance's claims come
/// due again when their lease ends.
/// </summary>
internal sealed class WebhookDeliveryClaims(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock)
{
    /// <param name="slots">How many to claim at most.</param>
    /// <param name="inFlight">This process's attempts in flight per endpoint; full endpoints are skipped.</param>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int slots, IReadOnlyDictionary<Guid, int> inFlight, CancellationToken cancellationToken)
    {
        var perEndpoint = options.Value.MaxConcurrencyPerEndpoint;
        var full = inFlight.Where(e => e.Value >= perEndpoint).Select(e => e.Key).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        var now = Timestamps.Normalize(clock.GetUtcNow());
        var candidates = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && !full.Contains(d.EndpointId))
            .OrderBy(d => d.NextAttemptAt)
            .Take(slots * 4)
            .Select(d => new { d.Id, d.EndpointId })
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        // At most the per-endpoint share of each endpoint, so one endpoint's backlog cannot take every slot.
        var picked = new List<Guid>(slots);
        var counts = new Dictionary<Guid, int>(inFlight);
        foreach (var candidate in candidates)
        {
            var count = counts.GetValueOrDefault(candidate.EndpointId);
            if (count < perEndpoint)
            {
                counts[candidate.EndpointId] = count + 1;
                picked.Add(candidate.Id);
                if (picked.Count == slots)
                {
                    break;
                }
            }
        }

        var token = Guid.NewGuid();
        var until = now + options.Value.ClaimLease;
        await db.WebhookDeliveries
            .Where(d => picked.Contains(d.Id) && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimToken, token).SetProperty(d => d.NextAttemptAt, until), cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.ClaimToken == token)
            .Select(d => new ClaimedDelivery(d.Id, d.EndpointId, token))
            .ToListAsync(cancellationToken);
    }
}
