using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Paydesk.Infrastructure.Config;

/// <summary>The rules that span more than one key: the connection string must exist and parse.</summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var connectionString = configuration[DatabaseOptions.ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.ConnectionStringKey}: a connection string is required for the {options.Provider} provider " +
                "(environment variable ConnectionStrings__Paydesk).");
        }

        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail($"{DatabaseOptions.ConnectionStringKey}: the connection string is not of the form Key=Value;Key=Value.");
        }

        return ValidateOptionsResult.Success;
    }
}
