namespace Paydesk.Api.Commands;

/// <summary>
/// An operator command run as <c>dotnet run --project src/Paydesk.Api -- NAME [ARGS]</c>: it builds
/// the same host as the service (same configuration, validated the same way), does its work and exits.
/// </summary>
internal interface ICliCommand
{
    string Name { get; }

    /// <summary>Whether the command needs a valid service configuration (database, keys) to run.</summary>
    bool NeedsValidConfiguration => true;

    Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}

internal static class CliCommands
{
    /// <summary>Every command, by name. Add a new one here.</summary>
    public static IReadOnlyList<ICliCommand> All { get; } = [new MigrateCommand(), new ConfigCommand(), new ApiKeysCommand(), new OutboxCommand(), new OperatorsCommand()];

    public static ICliCommand? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
