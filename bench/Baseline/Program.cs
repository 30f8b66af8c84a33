using Npgsql;
using Paydesk.Bench.Baseline;

// The benchmark's floor: per Paydesk endpoint, the same essential I/O at its rawest. The same SQL
// statements in the same transactions (raw Npgsql, pooled data source, prepared statements), the same
// gateway call, the same background work per event; no auth, validation, EF Core or telemetry.
// Paydesk's ratio to this app is the figure the benchmark reports.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connectionString = builder.Configuration.GetConnectionString("Paydesk")
    ?? throw new InvalidOperationException("ConnectionStrings:Paydesk is required.");
var apiBase = builder.Configuration["Gateway:ApiBase"] ?? throw new InvalidOperationException("Gateway:ApiBase (the sandbox) is required.");
var secretKey = builder.Configuration["Gateway:SecretKey"] ?? throw new InvalidOperationException("Gateway:SecretKey is required.");
var pickup = Path.GetFullPath(builder.Configuration["Email:PickupDirectory"] ?? "data/mail");
Directory.CreateDirectory(pickup);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
builder.Services.AddSingleton(new Gateway(Gateway.CreateClient(new Uri(apiBase), secretKey)));
builder.Services.AddSingleton<Outbox>();
builder.Services.AddSingleton(sp => new Receipts(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), pickup));
builder.Services.AddHostedService<Relay>();

var app = builder.Build();
app.MapGet("/health/ready", () => TypedResults.Ok());
app.MapGet("/metrics", (Outbox outbox) => Results.Text(outbox.Metrics(), "text/plain"));
app.MapReads();
app.MapUserWrites();
app.MapPaymentWrites();
app.MapSingleInserts();

await app.RunAsync();
