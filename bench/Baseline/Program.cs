using System.Data;
using Npgsql;
using NpgsqlTypes;
using Paydesk.Bench.Baseline;

// The benchmark baseline: the least work each Paydesk endpoint must do against PostgreSQL.
// Pooled NpgsqlDataSource, prepared statements, no auth, no validation, no EF Core, no idempotency.
// Paydesk's ratio to this app is the figure the benchmark reports.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connectionString = builder.Configuration.GetConnectionString("Paydesk")
    ?? throw new InvalidOperationException("ConnectionStrings:Paydesk is required.");
builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());

var app = builder.Build();
var time = TimeProvider.System;

app.MapGet("/health/ready", () => TypedResults.Ok());

// GET /v1/payments/{id}: select by primary key.
app.MapGet("/v1/payments/{id:guid}", async (Guid id, NpgsqlDataSource db, CancellationToken ct) =>
{
    await using var conn = await db.OpenConnectionAsync(ct);
    await using var cmd = new NpgsqlCommand(Sql.PaymentById, conn);
    cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = id });
    await cmd.PrepareAsync(ct);
    await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SingleRow, ct);
    return await reader.ReadAsync(ct) ? Results.Ok(PaymentRow.Read(reader)) : Results.NotFound();
});

// GET /v1/users/{id}/payments?limit=20: the user's newest payments by the (user_id, created_at, id) index.
app.MapGet("/v1/users/{id:guid}/payments", async (Guid id, int? limit, NpgsqlDataSource db, CancellationToken ct) =>
{
    await using var conn = await db.OpenConnectionAsync(ct);
    await using var cmd = new NpgsqlCommand(Sql.PaymentsByUser, conn);
    cmd.Parameters.Add(new NpgsqlParameter<Guid>("user_id", NpgsqlDbType.Uuid) { TypedValue = id });
    cmd.Parameters.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit ?? 20 });
    await cmd.PrepareAsync(ct);
    await using var reader = await cmd.ExecuteReaderAsync(ct);
    var rows = new List<PaymentRow>();
    while (await reader.ReadAsync(ct))
    {
        rows.Add(PaymentRow.Read(reader));
    }

    return Results.Ok(new PaymentList(rows));
});

// POST /v1/users: one insert.
app.MapPost("/v1/users", async (NewUser body, NpgsqlDataSource db, CancellationToken ct) =>
{
    var id = Guid.CreateVersion7();
    var now = time.GetUtcNow();
    await using var conn = await db.OpenConnectionAsync(ct);
    await using var cmd = new NpgsqlCommand(Sql.InsertUser, conn);
    cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = id });
    cmd.Parameters.Add(new NpgsqlParameter<string>("email", NpgsqlDbType.Varchar) { TypedValue = body.Email });
    cmd.Parameters.Add(new NpgsqlParameter<string>("normalized_email", NpgsqlDbType.Varchar) { TypedValue = body.Email.ToUpperInvariant() });
    cmd.Parameters.Add(new NpgsqlParameter<string>("name", NpgsqlDbType.Varchar) { TypedValue = body.Name });
    cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created_at", NpgsqlDbType.TimestampTz) { TypedValue = now });
    await cmd.PrepareAsync(ct);
    await cmd.ExecuteNonQueryAsync(ct);
    return Results.Created($"/v1/users/{id}", new { id, email = body.Email, name = body.Name, createdAt = now });
});

// POST /v1/payments: one insert of a succeeded payment (no gateway, no idempotency record).
app.MapPost("/v1/payments", async (NewPayment body, HttpRequest request, NpgsqlDataSource db, CancellationToken ct) =>
{
    var id = Guid.CreateVersion7();
    var now = time.GetUtcNow();
    string key = request.Headers["Idempotency-Key"].ToString();
    await using var conn = await db.OpenConnectionAsync(ct);
    await using var cmd = new NpgsqlCommand(Sql.InsertPayment, conn);
    cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = id });
    cmd.Parameters.Add(new NpgsqlParameter<Guid>("user_id", NpgsqlDbType.Uuid) { TypedValue = body.UserId });
    cmd.Parameters.Add(new NpgsqlParameter<long>("amount", NpgsqlDbType.Bigint) { TypedValue = body.Amount });
    cmd.Parameters.Add(new NpgsqlParameter<string>("currency", NpgsqlDbType.Varchar) { TypedValue = body.Currency });
    cmd.Parameters.Add(new NpgsqlParameter<string>("source", NpgsqlDbType.Varchar) { TypedValue = body.Source });
    cmd.Parameters.Add(new NpgsqlParameter<string>("idempotency_key", NpgsqlDbType.Varchar) { TypedValue = key });
    cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = now });
    await cmd.PrepareAsync(ct);
    await cmd.ExecuteNonQueryAsync(ct);
    return Results.Created($"/v1/payments/{id}", new { id, userId = body.UserId, amount = body.Amount, currency = body.Currency, status = "succeeded", createdAt = now });
});

await app.RunAsync();
