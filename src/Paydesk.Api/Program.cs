using Paydesk.Api;
using Paydesk.Api.Commands;
using Paydesk.Application;
using Paydesk.Infrastructure;

// The first argument may name a command (`migrate`); everything else is ordinary host configuration.
var command = args.FirstOrDefault() is { } first && !first.StartsWith('-') ? first : null;
var hostArgs = command is null ? args : args[1..];

if (command is not null and not MigrateCommand.Name)
{
    Console.Error.WriteLine($"Unknown command '{command}'. Commands: {MigrateCommand.Name}.");
    return 2;
}

var builder = WebApplication.CreateBuilder(hostArgs);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes;
});

builder.Services
    .AddApplication()
    .AddInfrastructure()
    .AddApi();

var app = builder.Build();

if (!app.ConfigurationIsValid())
{
    return 1;
}

if (command == MigrateCommand.Name)
{
    return await MigrateCommand.RunAsync(app);
}

await app.MigrateIfConfiguredAsync();
app.UsePaydeskPipeline();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
