using System.Diagnostics;
using System.Globalization;

namespace Paydesk.Api.Tests.Bench;

/// <summary>
/// Runs <c>bench/run.sh --smoke</c> (a few seconds per scenario, one round) so the harness keeps working.
/// It asserts the report's shape and that every request succeeded, never a speed: speed is bench/'s job.
/// </summary>
public sealed class BenchSmokeTests
{
    private static readonly string[] Scenarios =
    [
        "GET /v1/payments/{id}",
        "GET /v1/users/{id}/payments?limit=20",
        "POST /v1/users",
        "POST /v1/payments",
    ];

    private static readonly int[] Connections = [1, 32];

    [Fact]
    public async Task Smoke_run_writes_a_table_row_per_scenario_and_connection_count_with_no_failed_requests()
    {
        // Arrange
        var root = FindRepositoryRoot();
        var script = Path.Combine(root, "bench", "run.sh");
        Assert.True(File.Exists(script), $"The benchmark script {script} is missing.");
        var resultsDirectory = Directory.CreateTempSubdirectory("paydesk-bench-smoke-").FullName;

        try
        {
            // Act
            var (exitCode, output) = await RunAsync(script, root, resultsDirectory);

            // Assert
            Assert.True(exitCode == 0, $"bench/run.sh --smoke exited with {exitCode}:\n{output}");
            var table = Path.Combine(resultsDirectory, "latest.md");
            Assert.True(File.Exists(table), $"No {table} was written:\n{output}");
            Assert.True(File.Exists(Path.Combine(resultsDirectory, "chart.svg")), $"No chart.svg was written:\n{output}");
            var rows = (await File.ReadAllLinesAsync(table))
                .Where(line => line.StartsWith("| `", StringComparison.Ordinal) && line.Split('|').Length == 12)
                .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
                .ToList();
            foreach (var scenario in Scenarios)
            {
                foreach (var connections in Connections)
                {
                    var row = rows.SingleOrDefault(r => r[1] == $"`{scenario}`" && r[2] == connections.ToString(CultureInfo.InvariantCulture));
                    Assert.True(row is not null, $"No row for {scenario} at {connections} connection(s) in:\n{string.Join('\n', rows.Select(r => string.Join('|', r)))}");
                    Assert.True(ParseRate(row[3]) > 0, $"Paydesk served no request for {scenario} at {connections}: {string.Join('|', row)}");
                    Assert.True(ParseRate(row[6]) > 0, $"The baseline served no request for {scenario} at {connections}: {string.Join('|', row)}");
                    Assert.Equal("0/0", row[10]);
                }
            }
        }
        finally
        {
            Directory.Delete(resultsDirectory, recursive: true);
        }
    }

    private static double ParseRate(string cell) =>
        double.Parse(cell.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Paydesk.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Paydesk.slnx above {AppContext.BaseDirectory}: the smoke test must run inside the repository.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, string root, string resultsDirectory)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--smoke");

        // The test run's own settings must not leak into the services the script starts.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PAYDESK_", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("BENCH_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["BENCH_RESULTS_DIR"] = resultsDirectory;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // Generous: it builds Release, starts PostgreSQL and runs 16 short wrk runs on a possibly busy 2-core machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bench/run.sh --smoke did not finish within 20 minutes:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
