using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Paydesk.Bench.Baseline;

/// <summary>
/// POST /v1/payments as Paydesk does it: the idempotency record and the pending payment in one
/// transaction, the gateway call, then the record completed, the payment.succeeded event and the
/// payment's outcome in a second transaction (each transaction one batch of statements).
/// </summary>
internal static class PaymentWrites
{
    public static void MapPaymentWrites(this WebApplication app) =>
        app.MapPost("/v1/payments", async (NewPayment body, HttpRequest request, NpgsqlDataSource db, Gateway gateway, Outbox outbox, TimeProvider time, CancellationToken ct) =>
        {
            var key = request.Headers["Idempotency-Key"].ToString();
            var id = Guid.CreateVersion7();
            var recordId = Guid.CreateVersion7();
            var created = time.GetUtcNow();
            var requestHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web)));
            await using (var conn = await db.OpenConnectionAsync(ct))
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                await using var batch = new NpgsqlBatch(conn, tx);
                batch.Command(Sql.InsertIdempotencyRecord).Parameters
                    .With("id", NpgsqlDbType.Uuid, recordId)
                    .With("created_at", NpgsqlDbType.TimestampTz, created)
                    .With("key", NpgsqlDbType.Text, key)
                    .With("request_hash", NpgsqlDbType.Text, requestHash)
                    .With("resource_id", NpgsqlDbType.Uuid, id)
                    .With("scope", NpgsqlDbType.Text, "bench");
                batch.Command(Sql.InsertPendingPayment).Parameters
                    .With("id", NpgsqlDbType.Uuid, id)
                    .With("amount", NpgsqlDbType.Bigint, body.Amount)
                    .With("created_at", NpgsqlDbType.TimestampTz, created)
                    .With("currency", NpgsqlDbType.Text, body.Currency)
                    .WithNullable("description", NpgsqlDbType.Text, body.Description)
                    .With("idempotency_key", NpgsqlDbType.Text, $"charge_{id:N}")
                    .With("source", NpgsqlDbType.Text, body.Source)
                    .With("user_id", NpgsqlDbType.Uuid, body.UserId);
                await batch.PrepareAsync(ct);
                await batch.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
            }

            // As in Paydesk: once the payment exists, it is finished even if the caller has gone away.
            var (reference, status) = await gateway.ChargeAsync(id, body, CancellationToken.None);
            var updated = time.GetUtcNow();
            var payment = new PaymentResponse(id, body.UserId, body.Amount, body.Currency, status, body.Source, body.Description, reference,
                null, null, 0, created, updated, "automatic", 0, null, 0, null, "{}", 0);
            var eventId = Guid.CreateVersion7();
            var payload = Events.Envelope(eventId, Events.PaymentSucceededType, id, updated,
                new PaymentSucceeded(id, body.UserId, body.Amount, body.Currency, reference, updated));
            await using (var conn = await db.OpenConnectionAsync(CancellationToken.None))
            await using (var tx = await conn.BeginTransactionAsync(CancellationToken.None))
            {
                await using var batch = new NpgsqlBatch(conn, tx);
                batch.Command(Sql.CompleteIdempotencyRecord).Parameters
                    .With("completed_at", NpgsqlDbType.TimestampTz, updated)
                    .With("response_body", NpgsqlDbType.Text, JsonSerializer.Serialize(payment, JsonSerializerOptions.Web))
                    .With("id", NpgsqlDbType.Uuid, recordId);
                outbox.AddInsert(batch, eventId, Events.PaymentSucceededType, id, updated, payload);
                batch.Command(Sql.UpdatePayment).Parameters
                    .With("gateway_reference", NpgsqlDbType.Text, reference)
                    .With("status", NpgsqlDbType.Text, status)
                    .With("updated_at", NpgsqlDbType.TimestampTz, updated)
                    .With("id", NpgsqlDbType.Uuid, id);
                await batch.PrepareAsync(CancellationToken.None);
                await batch.ExecuteNonQueryAsync(CancellationToken.None);
                await tx.CommitAsync(CancellationToken.None);
            }

            outbox.Written();
            return Results.Created($"/v1/payments/{id}", payment);
        });
}
