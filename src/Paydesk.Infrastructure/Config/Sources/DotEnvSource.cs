using Microsoft.Extensions.Configuration;

namespace Paydesk.Infrastructure.Config.Sources;

/// <summary>
/// A <c>.env</c> file for local development: <c>NAME=value</c> lines with the same names as the
/// environment variables (<c>PAYDESK_...</c>, <c>ConnectionStrings__...</c>); blank lines and
/// <c># comments</c> are skipped, <c>export </c> and matching quotes around the value are allowed.
/// The file is never committed (<c>.env.example</c> shows the form).
/// </summary>
public sealed class DotEnvSource(string path) : IConfigurationSource
{
    public string Path { get; } = path;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(Path);

    internal static Dictionary<string, string?> Parse(IEnumerable<string> lines)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            if (PaydeskEnvironmentVariablesSource.KeyFor(line[..equals].Trim()) is { Length: > 0 } key)
            {
                data[key] = value;
            }
        }

        return data;
    }

    private sealed class Provider(string path) : ConfigurationProvider
    {
        public override void Load() => Data = File.Exists(path) ? Parse(File.ReadLines(path)) : new(StringComparer.OrdinalIgnoreCase);

        public override string ToString() => $".env file '{path}'";
    }
}
