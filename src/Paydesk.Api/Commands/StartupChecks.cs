using Microsoft.Extensions.Options;
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
        var problems = app.ConfigurationProblems();
        if (problems.Count == 0)
        {
            return true;
        }

        WriteProblems(problems);
        return false;
    }

    /// <summary>Every problem of every options section, one line each, naming the full key.</summary>
    public static IReadOnlyList<string> ConfigurationProblems(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return Lines(ex.Failures);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return Lines(ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // The binder's message names the key and the expected type, never a secret value.
            return [ex.Message];
        }
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

    private static List<string> Lines(IEnumerable<string> failures) =>
        failures.SelectMany(f => f.Split("; ", StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();

    private static void WriteProblems(IEnumerable<string> problems)
    {
        Console.Error.WriteLine("Paydesk cannot start: the configuration is invalid.");
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"  {problem}");
        }
    }
}
