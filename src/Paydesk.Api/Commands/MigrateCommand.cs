using Paydesk.Infrastructure.Database;

namespace Paydesk.Api.Commands;

/// <summary><c>migrate</c>: apply pending migrations and exit. Safe to run again.</summary>
internal sealed class MigrateCommand : ICliCommand
{
    public string Name => "migrate";

    public async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        Console.WriteLine("Database is up to date.");
        return 0;
    }
}
