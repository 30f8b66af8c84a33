using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using Paydesk.Infrastructure.Config.Sources;

namespace Paydesk.Infrastructure.Database;

/// <summary>
/// The rules that span more than one key: the connection string must exist, parse, and be one the
/// configured provider understands.
/// </summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    private const string ProviderKey = $"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}";

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var connectionString = configuration[DatabaseOptions.ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.ConnectionStringKey}: a connection string is required for the {options.Provider} provider " +
                $"(environment variable {PaydeskEnvironmentVariablesSource.VariableFor(DatabaseOptions.ConnectionStringKey)}).");
        }

        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail($"{DatabaseOptions.ConnectionStringKey}: the connection string is not of the form Key=Value;Key=Value.");
        }

        return options.Provider is { } provider && !Fits(provider, connectionString)
            ? ValidateOptionsResult.Fail(
                $"{DatabaseOptions.ConnectionStringKey}: is not a {provider} connection string, but {ProviderKey} is {provider} " +
                $"(a {provider} one looks like {Example(provider)}).")
            : ValidateOptionsResult.Success;
    }

    // Each provider's own builder rejects the keys it does not know (Host for SQLite, Data Source for
    // PostgreSQL); the message is not shown, as it may quote part of the connection string.
    private static bool Fits(DatabaseProvider provider, string connectionString)
    {
        try
        {
            _ = provider == DatabaseProvider.Postgres
                ? (DbConnectionStringBuilder)new NpgsqlConnectionStringBuilder(connectionString)
                : new SqliteConnectionStringBuilder(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }

    private static string Example(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? "Host=localhost;Port=5432;Database=paydesk;Username=paydesk"
        : "Data Source=data/paydesk.db";
}
