using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Hosting;

namespace Paydesk.Infrastructure.Config.Sources;

/// <summary>
/// Puts Paydesk's configuration sources in their order, later wins: appsettings.json →
/// appsettings.{Environment}.json → user-secrets (Development) → .env (Development) → a key-per-file
/// secrets directory → environment variables (<c>PAYDESK_</c>, <c>ConnectionStrings__</c>) → command line.
/// </summary>
public static class ConfigurationSources
{
    /// <summary>Where secrets mounted as files are read from, one file per key (<c>Database__Password</c>).</summary>
    public const string SecretsDirectoryKey = "Secrets:Directory";
    public const string DefaultSecretsDirectory = "/run/secrets";

    public static void UsePaydeskSources(this IConfigurationManager configuration, IHostEnvironment environment, string[] args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        // The framework's defaults read every environment variable; Paydesk reads only its own,
        // after the files. The host's own ASPNETCORE_/DOTNET_ variables stay where they are.
        var sources = configuration.Sources;
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" } or CommandLineConfigurationSource)
            {
                sources.RemoveAt(i);
            }
        }

        if (environment.IsDevelopment() && FindDotEnv(environment.ContentRootPath) is { } dotEnv)
        {
            configuration.Add(new DotEnvSource(dotEnv));
        }

        var environmentVariables = new PaydeskEnvironmentVariablesSource();
        var secretsDirectory = SecretsDirectory(configuration, environmentVariables);
        configuration.AddKeyPerFile(source =>
        {
            source.FileProvider = Directory.Exists(secretsDirectory) ? new Microsoft.Extensions.FileProviders.PhysicalFileProvider(secretsDirectory) : null;
            source.Optional = true;
        });
        configuration.Add(environmentVariables);
        configuration.AddCommandLine(args);
    }

    // The directory may itself be configured in any source, the environment included.
    private static string SecretsDirectory(IConfiguration configuration, PaydeskEnvironmentVariablesSource environmentVariables)
    {
        var fromEnvironment = new ConfigurationBuilder().Add(environmentVariables).Build()[SecretsDirectoryKey];
        return Path.GetFullPath(fromEnvironment ?? configuration[SecretsDirectoryKey] ?? DefaultSecretsDirectory);
    }

    // `dotnet run --project src/Paydesk.Api` runs in the project folder; a developer keeps .env
    // there or at the repository root.
    private static string? FindDotEnv(string contentRoot)
    {
        var directory = new DirectoryInfo(contentRoot);
        for (var depth = 0; directory is not null && depth < 3; depth++, directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, ".env");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
