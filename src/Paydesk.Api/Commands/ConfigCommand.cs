using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.KeyPerFile;
using Microsoft.Extensions.Configuration.Memory;
using Paydesk.Infrastructure.Config;

namespace Paydesk.Api.Commands;

/// <summary>
/// <c>config check</c>: validates the configuration and prints every effective Paydesk setting with
/// the source it came from, secrets redacted. Exit code 0 when valid, 1 when not.
/// </summary>
internal sealed class ConfigCommand : ICliCommand
{
    public string Name => "config";

    public bool NeedsValidConfiguration => false;

    public Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (arguments is not ["check"])
        {
            Console.Error.WriteLine("Usage: config check");
            return Task.FromResult(2);
        }

        var configuration = (IConfigurationRoot)app.Configuration;
        Console.WriteLine($"Paydesk configuration (environment: {app.Environment.EnvironmentName})");
        foreach (var (key, value) in configuration.AsEnumerable().Where(e => e.Value is not null).OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase))
        {
            var provider = configuration.Providers.LastOrDefault(p => p.TryGet(key, out _));
            if (provider is null || IsHostSetting(provider))
            {
                continue;
            }

            Console.WriteLine($"  {key} = {SecretRedaction.Redact(key, value!)}    [{Describe(provider)}]");
        }

        var problems = app.ConfigurationProblems();
        if (problems.Count == 0)
        {
            Console.WriteLine("Configuration is valid.");
            return Task.FromResult(0);
        }

        Console.Error.WriteLine("Configuration is invalid:");
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"  {problem}");
        }

        return Task.FromResult(1);
    }

    // What the host sets for itself (content root, application name, ASPNETCORE_ variables) is not Paydesk's configuration.
    private static bool IsHostSetting(IConfigurationProvider provider) =>
        provider is MemoryConfigurationProvider or ChainedConfigurationProvider
            or Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationProvider;

    private static string Describe(IConfigurationProvider provider) => provider switch
    {
        FileConfigurationProvider file when file.Source.Path?.EndsWith("secrets.json", StringComparison.OrdinalIgnoreCase) == true => "user-secrets",
        FileConfigurationProvider file => file.Source.Path ?? "file",
        KeyPerFileConfigurationProvider => "secrets directory",
        CommandLineConfigurationProvider => "command line",
        _ => provider.ToString() ?? provider.GetType().Name,
    };
}
