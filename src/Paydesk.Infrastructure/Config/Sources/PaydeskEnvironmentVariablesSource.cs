using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Paydesk.Infrastructure.Config.Sources;

/// <summary>
/// Environment variables that configure Paydesk: those prefixed <c>PAYDESK_</c> (the prefix is
/// dropped: <c>PAYDESK_Database__Provider</c> → <c>Database:Provider</c>) and the standard
/// <c>ConnectionStrings__NAME</c>. Nothing else in the environment leaks into the configuration.
/// </summary>
public sealed class PaydeskEnvironmentVariablesSource : IConfigurationSource
{
    public const string Prefix = "PAYDESK_";
    private const string ConnectionStringsPrefix = "ConnectionStrings__";

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider();

    /// <summary>
    /// The environment variable Paydesk reads for a configuration key, the inverse of
    /// <see cref="KeyFor"/>: <c>Database:Provider</c> → <c>PAYDESK_Database__Provider</c>,
    /// <c>ConnectionStrings:Paydesk</c> → <c>ConnectionStrings__Paydesk</c>. Every message that
    /// tells an operator which variable to set takes the name from here.
    /// </summary>
    public static string VariableFor(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var variable = key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal);
        return variable.StartsWith(ConnectionStringsPrefix, StringComparison.OrdinalIgnoreCase) ? variable : Prefix + variable;
    }

    /// <summary>The configuration key for an environment variable, or null when it is not Paydesk's.</summary>
    public static string? KeyFor(string variable)
    {
        if (variable.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return variable[Prefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
        }

        return variable.StartsWith(ConnectionStringsPrefix, StringComparison.OrdinalIgnoreCase)
            ? variable.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)
            : null;
    }

    private sealed class Provider : ConfigurationProvider
    {
        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                if (KeyFor((string)entry.Key) is { Length: > 0 } key)
                {
                    data[key] = (string?)entry.Value;
                }
            }

            Data = data;
        }

        public override string ToString() => $"environment variables ({Prefix}*, {ConnectionStringsPrefix}*)";
    }
}
