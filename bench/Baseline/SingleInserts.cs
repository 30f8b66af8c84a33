using Npgsql;
using NpgsqlTypes;

namespace Paydesk.Bench.Baseline;

/// <summary>
/// Issue 8's floors, kept for continuity under <c>/single-insert</c>: one insert per write, no idempotency
/// record, no gateway, no outbox row, no background work.
/// </summary>
internal static class SingleInserts
{
    public const string Prefix = "/single-insert";

    public static void MapSingleInserts(this WebApplication app)
    {
        app.MapPost(Prefix + "/v1/users", async (NewUser body, NpgsqlDataSource db, TimeProvider time, CancellationToken ct) =>
        {
            var id = Guid.CreateVersion7();
            var now = time.GetUtcNow();
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand(Sql.SingleInsertUser, conn);
            cmd.Parameters
                .With("id", NpgsqlDbType.Uuid, id)
                .With("email", NpgsqlDbType.Varchar, body.Email)
                .With("normalized_email", NpgsqlDbType.Varchar, body.Email.ToUpperInvariant())
                .With("name", NpgsqlDbType.Varchar, body.Name)
                .With("created_at", NpgsqlDbType.TimestampTz, now);
            await cmd.PrepareAsync(ct);
            await cmd.ExecuteNonQueryAsync(ct);
            return Results.Created($"/v1/users/{id}", new { id, email = body.Email, name = body.Name, createdAt = now });
        });

        app.MapPost(Prefix + "/v1/payments", async (NewPayment body, HttpRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken ct) =>
        {
            var id = Guid.CreateVersion7();
            var now = time.GetUtcNow();
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand(Sql.SingleInsertPayment, conn);
            cmd.Parameters
                .With("id", NpgsqlDbType.Uuid, id)
                .With("user_id", NpgsqlDbType.Uuid, body.UserId)
                .With("amount", NpgsqlDbType.Bigint, body.Amount)
                .With("currency", NpgsqlDbType.Varchar, body.Currency)
                .With("source", NpgsqlDbType.Varchar, body.Source)
                .With("idempotency_key", NpgsqlDbType.Varchar, request.Headers["Idempotency-Key"].ToString())
                .With("now", NpgsqlDbType.TimestampTz, now);
            await cmd.PrepareAsync(ct);
            await cmd.ExecuteNonQueryAsync(ct);
            return Results.Created($"/v1/payments/{id}", new { id, userId = body.UserId, amount = body.Amount, currency = body.Currency, status = "succeeded", createdAt = now });
        });
    }
}
