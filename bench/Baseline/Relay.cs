using Npgsql;
using NpgsqlTypes;

namespace Paydesk.Bench.Baseline;

/// <summary>
/// The floor's background work, with Paydesk's statements: claim a batch of due rows (FOR UPDATE SKIP
/// LOCKED, in a transaction held until the batch is recorded), hand the batch to the handlers (one
/// inbox look-up, per event the handler's reads and the email file, the inbox rows in one statement),
/// then mark the batch published in one statement.
/// Two workers, a batch of 200 and a 1 s poll, as Paydesk's relay by default.
/// </summary>
internal sealed class Relay(NpgsqlDataSource db, Outbox outbox, Receipts receipts, TimeProvider time) : BackgroundService
{
    private const int Workers = 2;
    private const int BatchSize = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(ct) == 0)
                {
                    await outbox.WaitAsync(PollInterval, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var rows = new List<(Guid Id, string Type, string Payload)>();
        await using (var claim = new NpgsqlCommand(Sql.ClaimOutbox, conn, tx))
        {
            claim.Parameters.With("now", NpgsqlDbType.TimestampTz, time.GetUtcNow()).With("limit", NpgsqlDbType.Integer, BatchSize);
            await claim.PrepareAsync(ct);
            await using var reader = await claim.ExecuteReaderAsync(ct);
            int id = reader.GetOrdinal("id"), type = reader.GetOrdinal("event_type"), payload = reader.GetOrdinal("payload");
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetGuid(id), reader.GetString(type), reader.GetString(payload)));
            }
        }

        if (rows.Count == 0)
        {
            await tx.CommitAsync(ct);
            return 0;
        }

        await receipts.DeliverAsync(rows, ct);

        await using (var mark = new NpgsqlCommand(Sql.MarkPublished, conn, tx))
        {
            mark.Parameters.With("now", NpgsqlDbType.TimestampTz, time.GetUtcNow()).With("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, rows.Select(r => r.Id).ToArray());
            await mark.PrepareAsync(ct);
            await mark.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        outbox.Published(rows.Count);
        return rows.Count;
    }
}
