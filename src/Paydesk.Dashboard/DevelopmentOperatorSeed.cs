using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Paydesk.Application.Common;
using Paydesk.Application.Operators;
using Paydesk.Domain.Operators;

namespace Paydesk.Dashboard;

/// <summary>
/// In Development only, makes sure the documented operator exists (README, "Dashboard"), so the
/// dashboard of a fresh default run can be opened at once. Never in any other environment.
/// </summary>
internal sealed partial class DevelopmentOperatorSeed(IServiceScopeFactory scopes, IHostEnvironment environment, ILogger<DevelopmentOperatorSeed> logger) : IHostedService
{
    public const string Name = "admin";
    public const string Password = "paydesk-dev-admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        try
        {
            if ((await scope.ServiceProvider.GetRequiredService<OperatorQueries>().ListAsync(cancellationToken)).Any(o => string.Equals(o.Name, Name, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            await scope.ServiceProvider.GetRequiredService<CreateOperatorHandler>()
                .HandleAsync(new CreateOperatorCommand(Name, OperatorRole.Admin, Password), cancellationToken);
            LogSeeded(Name);
        }
        catch (ConflictException)
        {
            // Another instance seeded it first.
        }
#pragma warning disable CA1031 // A database not migrated yet must not stop the service from starting.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogSeedFailed(ex, Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the Development dashboard operator '{Name}'.")]
    private partial void LogSeeded(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not seed the Development dashboard operator '{Name}' (is the database migrated?).")]
    private partial void LogSeedFailed(Exception exception, string name);
}
