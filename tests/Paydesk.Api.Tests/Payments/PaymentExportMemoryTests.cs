using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Paydesk.Api.Tests.Payments;

/// <summary>Alone in its collection: it measures the process's live heap, which other tests running beside it would move.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "Process memory";
}

/// <summary>
/// 100,000 payments exported on PostgreSQL with flat memory. The rows are seeded in one INSERT …
/// SELECT; the export is read through a real HTTP client a line at a time, and every 10,000 lines
/// the live managed heap of the process (the service runs in it) is measured after a full
/// collection. Collecting the rows in a list, or the CSV in a buffer, keeps tens of megabytes alive
/// while they are written; streaming keeps a few buffers. The bound sits between the two.
/// </summary>
[Collection(ProcessMemoryCollection.Name)]
public sealed class PaymentExportMemoryTests(PostgresApiFixture fixture) : IClassFixture<PostgresApiFixture>
{
    private const int Payments = 100_000;
    private const long MaxGrowthBytes = 12L * 1024 * 1024;

    [Fact]
    public async Task Exporting_100000_payments_keeps_the_live_heap_flat()
    {
        using var client = fixture.Factory.CreateClientWithKey();
        var user = await client.RegisterUserAsync();
        await SeedAsync(Guid.Parse(user.Id()));
        // The first export compiles and caches what every later one reuses: warm it up before the baseline.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/exports/payments?from=2020-01-01&to=2020-01-01")).StatusCode);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        using var response = await client.GetAsync("/v1/exports/payments?from=2025-06-01&to=2025-06-02", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        var lines = 0;
        var peak = 0L;
        while (await reader.ReadLineAsync() is not null)
        {
            if (++lines % 10_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Payments + 1, lines);
        Assert.True(peak < MaxGrowthBytes, $"The live heap grew by {peak / 1024} KiB during the export (bound {MaxGrowthBytes / 1024} KiB).");
    }

    private async Task SeedAsync(Guid userId)
    {
        await using var db = fixture.Database.CreateContext();
        var run = Guid.NewGuid().ToString("N");
        await db.Database.ExecuteSqlAsync($$"""
            INSERT INTO payments (id, user_id, amount, amount_capturable, amount_disputed, amount_refunded, amount_released, capture,
                                  created_at, updated_at, currency, description, gateway_reference, idempotency_key, metadata,
                                  off_session, reconcile_attempts, source, status, version)
            SELECT gen_random_uuid(), {{userId}}, 1000 + g, 0, 0, 0, 0, 'automatic',
                   TIMESTAMPTZ '2025-06-01 00:00:00+00' + g * INTERVAL '1 second', now(), 'USD', 'Bulk order ' || g, 'pi_bulk_' || g,
                   'bulk_' || {{run}} || '_' || g, '{"batch":"' || g || '"}', false, 0, 'pm_card_visa', 'succeeded', 0
            FROM generate_series(1, {{Payments}}) AS g
            """);
    }
}
