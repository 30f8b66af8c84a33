using Npgsql;
using NpgsqlTypes;

namespace Paydesk.Bench.Baseline;

/// <summary>The reads, with the statements Paydesk sends for them, one after the other on one connection.</summary>
internal static class Reads
{
    public static void MapReads(this WebApplication app)
    {
        // GET /v1/payments/{id}: the payment, its refunds, its disputes (EF Core's split query: three statements).
        app.MapGet("/v1/payments/{id:guid}", async (Guid id, NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            var payment = await ReadPaymentAsync(conn, id, ct);
            return payment is null ? Results.NotFound() : Results.Ok(payment);
        });

        // GET /v1/users/{id}/payments?limit=20: one page and one more row, with the disputes, in one statement.
        app.MapGet("/v1/users/{id:guid}/payments", async (Guid id, int? limit, NpgsqlDataSource db, CancellationToken ct) =>
        {
            var size = limit ?? 20;
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand(Sql.PaymentsByUser, conn);
            cmd.Parameters.With("user_id", NpgsqlDbType.Uuid, id).With("limit", NpgsqlDbType.Integer, size + 1);
            await cmd.PrepareAsync(ct);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var rows = new List<PaymentResponse>(size + 1);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(PaymentResponse.Read(reader));
            }

            var more = rows.Count > size;
            if (more)
            {
                rows.RemoveAt(size);
            }

            return Results.Ok(new PaymentPage(rows, more ? $"{rows[^1].CreatedAt:O}|{rows[^1].Id}" : null));
        });
    }

    /// <summary>The three statements of Paydesk's payment load; null when there is no such payment.</summary>
    public static async Task<PaymentResponse?> ReadPaymentAsync(NpgsqlConnection conn, Guid id, CancellationToken ct)
    {
        PaymentResponse? payment;
        await using (var cmd = Command(conn, Sql.PaymentById, id))
        {
            await cmd.PrepareAsync(ct);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            payment = await reader.ReadAsync(ct) ? PaymentResponse.Read(reader) : null;
        }

        if (payment is null)
        {
            return null;
        }

        await DrainAsync(Command(conn, Sql.RefundsOfPayment, id), ct);
        await DrainAsync(Command(conn, Sql.DisputesOfPayment, id), ct);
        return payment;
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, string sql, Guid id)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.With("id", NpgsqlDbType.Uuid, id);
        return cmd;
    }

    /// <summary>Runs a statement and reads its rows; the benchmark's payments have neither refunds nor disputes.</summary>
    private static async Task DrainAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using (cmd)
        {
            await cmd.PrepareAsync(ct);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
            }
        }
    }
}
