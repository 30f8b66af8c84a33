using Paydesk.Api;
using Paydesk.Api.Commands;
using Paydesk.Api.Observability;
using Paydesk.Application;
using Paydesk.Dashboard;
using Paydesk.Infrastructure;
using Paydesk.Infrastructure.Config.Sources;
using Paydesk.Sandbox;

// A first argument without a dash names an operator command (`migrate`, ...). Of the arguments
// after it, `--Section:Key=value` settings configure the host as usual; the others belong to the
// command. Without a command, the service runs.
ICliCommand? command = null;
var hostArgs = args;
var commandArgs = Array.Empty<string>();
if (args.Length > 0 && !args[0].StartsWith('-'))
{
    command = CliCommands.Find(args[0]);
    if (command is null)
    {
        Console.Error.WriteLine($"Unknown command '{args[0]}'. Commands: {string.Join(", ", CliCommands.All.Select(c => c.Name))}.");
        return 2;
    }

    hostArgs = args[1..].Where(IsSetting).ToArray();
    commandArgs = args[1..].Where(a => !IsSetting(a)).ToArray();
}

// Configuration is read once, at start-up, where every options class is validated; a change needs
// a restart. The framework would otherwise watch the content root for edits to appsettings*.json,
// and every file Paydesk writes under it (the email pickup folder, the SQLite database) would wake
// that watcher (decision 0006 has what it cost).
var builder = WebApplication.CreateBuilder([.. hostArgs, "--hostBuilder:reloadConfigOnChange=false"]);
builder.Configuration.UsePaydeskSources(builder.Environment, hostArgs);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes;
});

builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
builder.Logging.EnableRedaction();

builder.Services
    .AddApplication()
    .AddInfrastructure()
    .AddApi()
    .AddDashboard()
    .AddSandbox(builder.Configuration)
    .AddPaydeskTelemetry(builder.Configuration);

var app = builder.Build();

if ((command is null || command.NeedsValidConfiguration) && !app.ConfigurationIsValid())
{
    return 1;
}

if (command is not null)
{
    return await command.RunAsync(app, commandArgs, CancellationToken.None);
}

await app.MigrateIfConfiguredAsync();
app.UsePaydeskPipeline();
await app.RunAsync();
return 0;

static bool IsSetting(string argument) => argument.StartsWith("--", StringComparison.Ordinal) && argument.Contains('=', StringComparison.Ordinal);

/// <summary>The entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
