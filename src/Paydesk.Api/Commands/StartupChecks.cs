using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Api.Commands;

internal static class StartupChecks
{
    /// <summary>
    /// Validates every options section before anything listens or touches the database. Returns
    /// false after printing one line per problem, each naming the full configuration key.
    /// </summary>
    public static bool ConfigurationIsValid(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (OptionsValidationException ex)
        {
            WriteProblems(ex.Failures);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            WriteProblems(ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // The binder's message names the key and the expected type, never a secret value.
            WriteProblems([ex.Message]);
        }

        return false;
    }

    public static async Task MigrateIfConfiguredAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.MigrateOnStartup)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
        }
    }

    private static void WriteProblems(IEnumerable<string> failures)
    {
        Console.Error.WriteLine("Paydesk cannot start: the configuration is invalid.");
        foreach (var failure in failures.SelectMany(f => f.Split("; ", StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal))
        {
            Console.Error.WriteLine($"  {failure}");
        }
    }
}
