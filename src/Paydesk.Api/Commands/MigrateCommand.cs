using Paydesk.Infrastructure.Database;

namespace Paydesk.Api.Commands;

/// <summary><c>dotnet run --project src/Paydesk.Api -- migrate</c>: apply pending migrations and exit.</summary>
internal static class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<int> RunAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        Console.WriteLine("Database is up to date.");
        return 0;
    }
}
