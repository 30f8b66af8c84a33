using System.Diagnostics;
using System.Text.Json;

namespace Paydesk.Api.Tests.OpenApi;

/// <summary>
/// The Redocly CLI that scripts/test.sh installs from tests/openapi-lint (npm ci). Missing is a
/// failure, never a skip.
/// </summary>
internal static class RedoclyCli
{
    public const string EnvironmentVariable = "PAYDESK_TEST_REDOCLY";

    /// <summary>Lints the document with the recommended ruleset; the JSON report and whatever the CLI wrote to stderr.</summary>
    public static async Task<(JsonElement Report, string Errors)> LintAsync(string document)
    {
        var directory = Directory.CreateTempSubdirectory("paydesk-openapi-lint-");
        try
        {
            // A folder of its own, so no redocly.yaml found above it changes the rules.
            var path = Path.Combine(directory.FullName, "openapi.json");
            await File.WriteAllTextAsync(path, document);
            var start = new ProcessStartInfo(Binary)
            {
                ArgumentList = { "lint", path, "--extends=recommended", "--format=json" },
                WorkingDirectory = directory.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" },
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Binary}.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout;
            try
            {
                return (JsonDocument.Parse(output).RootElement.Clone(), await stderr);
            }
            catch (JsonException)
            {
                throw new InvalidOperationException($"redocly lint exited {process.ExitCode} without a JSON report:\n{output}\n{await stderr}");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Binary =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? File.Exists(value) ? value : throw new InvalidOperationException($"{EnvironmentVariable} is '{value}', which does not exist. Run 'npm ci' in tests/openapi-lint.")
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with ./scripts/test.sh, which installs the Redocly CLI from tests/openapi-lint, " +
                $"or run 'npm ci' there and set {EnvironmentVariable} to tests/openapi-lint/node_modules/.bin/redocly.");
}
