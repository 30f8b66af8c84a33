using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Paydesk.Infrastructure.External.Redis;

/// <summary><c>Redis:Configuration</c>, when set, must parse as a StackExchange.Redis configuration string naming a server.</summary>
internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    private const string ConfigurationKey = $"{RedisOptions.SectionName}:Configuration";

    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            // The parser's message may quote the string, password included: only its kind is reported.
            return ConfigurationOptions.Parse(options.Configuration!).EndPoints.Count == 0
                ? ValidateOptionsResult.Fail($"{ConfigurationKey}: names no server (expected host:port[,option=value...]).")
                : ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or NotSupportedException)
        {
            return ValidateOptionsResult.Fail($"{ConfigurationKey}: is not a valid StackExchange.Redis configuration string (host:port[,option=value...]).");
        }
    }
}
