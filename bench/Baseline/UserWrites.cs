using Npgsql;
using NpgsqlTypes;

namespace Paydesk.Bench.Baseline;

/// <summary>POST /v1/users as Paydesk commits it: the user and its user.registered event in one transaction, one batch.</summary>
internal static class UserWrites
{
    public static void MapUserWrites(this WebApplication app) =>
        app.MapPost("/v1/users", async (NewUser body, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken ct) =>
        {
            var id = Guid.CreateVersion7();
            var eventId = Guid.CreateVersion7();
            var now = time.GetUtcNow();
            var payload = Events.Envelope(eventId, Events.UserRegisteredType, id, now, new UserRegistered(id, body.Email, body.Name, now));
            await using (var conn = await db.OpenConnectionAsync(ct))
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                await using var batch = new NpgsqlBatch(conn, tx);
                outbox.AddInsert(batch, eventId, Events.UserRegisteredType, id, now, payload);
                batch.Command(Sql.InsertUser).Parameters
                    .With("id", NpgsqlDbType.Uuid, id)
                    .With("created_at", NpgsqlDbType.TimestampTz, now)
                    .With("email", NpgsqlDbType.Text, body.Email)
                    .With("name", NpgsqlDbType.Text, body.Name)
                    .With("normalized_email", NpgsqlDbType.Text, body.Email.ToLowerInvariant());
                await batch.PrepareAsync(ct);
                await batch.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
            }

            outbox.Written();
            return Results.Created($"/v1/users/{id}", new { id, email = body.Email, name = body.Name, createdAt = now, metadata = new { } });
        });
}
