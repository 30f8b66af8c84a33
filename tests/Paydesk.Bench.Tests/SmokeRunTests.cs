using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Npgsql;
using Paydesk.TestSupport;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace Paydesk.Bench.Tests;

/// <summary>
/// Runs the whole benchmark harness in smoke mode (<c>bench/run.sh --smoke</c>) against the test run's
/// PostgreSQL and RabbitMQ, with the Release outputs the solution build made. It checks that the harness
/// works, not how fast Paydesk is: speed is judged by the full run.
/// </summary>
public sealed partial class SmokeRunTests(ITestOutputHelper output)
{
    // Bounds only a hung run: on a loaded 2-core machine the smoke run takes several times its idle duration.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    private static readonly string[] Scenarios =
    [
        "GET /v1/payments/{id}",
        "GET /v1/users/{id}/payments?limit=20",
        "POST /v1/users",
        "POST /v1/payments",
    ];

    private static readonly int[] Connections = [1, 32];

    [Fact]
    public async Task Smoke_run_measures_every_scenario_against_the_baseline_and_leaves_nothing_behind()
    {
        // Arrange
        var postgres = PostgresServer.ConnectionString;
        var rabbitMq = RabbitMqBroker.Uri;
        var id = Guid.NewGuid().ToString("N")[..12];
        var results = Directory.CreateTempSubdirectory("paydesk-bench-smoke-");
        try
        {
            ScriptRun run;
            using (await RabbitMqOutageLock.AcquireAsync(TimeSpan.FromMinutes(10)))
            {
                // Act
                run = await ScriptRun.RunAsync("bash", ["bench/run.sh", "--smoke"], new Dictionary<string, string>
                {
                    ["BENCH_NO_BUILD"] = "1",
                    ["BENCH_CONFIGURATION"] = BuildConfiguration(),
                    ["BENCH_POSTGRES"] = postgres,
                    ["BENCH_RABBITMQ"] = rabbitMq,
                    ["BENCH_RESULTS_DIR"] = results.FullName,
                    ["BENCH_ID"] = id,
                }, Deadline);
            }

            output.WriteLine($"bench/run.sh --smoke took {run.Elapsed.TotalSeconds:F0} s; its output:\n{run.Output}");

            // Assert
            Assert.True(run.ExitCode == 0, $"bench/run.sh --smoke exited {run.ExitCode}:\n{run.Output}");
            var report = await File.ReadAllTextAsync(Path.Combine(results.FullName, "latest.md"));
            AssertEveryScenarioMeasured(report);
            AssertBackgroundDrainMeasured(report);
            AssertCpuPerRequestMeasured(report);
            AssertSingleInsertFloorMeasured(report);
            AssertRealisticGatewayMeasured(report);
            AssertRelayMeasured(report);
            AssertStartupMeasured(report);
            AssertGoalsTable(report);
            var chart = XDocument.Load(Path.Combine(results.FullName, "chart.svg"));
            Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), chart.Root!.Name);

            await AssertNothingLeftBehindAsync(run.Output, postgres, id);
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Every row ran without a failed request, and each target (Paydesk, the floor) answered every scenario. A single
    /// one-second run may complete nothing when the shared machine starves a just-started process
    /// (seen at a load average of 14), so answers are summed over the connection counts.
    /// </summary>
    private static void AssertEveryScenarioMeasured(string report)
    {
        var rows = RowPerScenario(report, "| Scenario |");
        foreach (var (scenario, connections, cells) in rows)
        {
            Assert.True(Number(cells[2]) >= 0 && Number(cells[5]) >= 0, $"req/s of {scenario} c={connections}: {cells[2]} / {cells[5]}");
            Assert.Equal("0/0", cells[9]);
        }

        foreach (var scenario in rows.GroupBy(row => row.Scenario))
        {
            Assert.True(scenario.Sum(row => Number(row.Cells[2])) > 0, $"Paydesk answered no {scenario.Key}:\n{report}");
            Assert.True(scenario.Sum(row => Number(row.Cells[5])) > 0, $"the floor answered no {scenario.Key}:\n{report}");
        }
    }

    /// <summary>As for the results: a row's rate may be 0 on a starved machine, a scenario's sum may not.</summary>
    private static void AssertBackgroundDrainMeasured(string report)
    {
        var rows = RowPerScenario(report, "| Scenario | Conns | Drain after the run, s |");
        foreach (var (scenario, connections, cells) in rows)
        {
            Assert.True(Number(cells[2]) >= 0, $"drain of {scenario} c={connections} is {cells[2]}");
            Assert.True(Number(cells[3]) >= 0, $"Paydesk req/s incl. drain of {scenario} c={connections} is {cells[3]}");
        }

        foreach (var scenario in rows.GroupBy(row => row.Scenario))
        {
            Assert.True(scenario.Sum(row => Number(row.Cells[3])) > 0, $"Paydesk req/s incl. drain of {scenario.Key} is 0 at every connection count:\n{report}");
        }
    }

    /// <summary>Both processes' CPU time per request, during the run and with the drain; a scenario's sum is never 0.</summary>
    private static void AssertCpuPerRequestMeasured(string report)
    {
        var rows = RowPerScenario(report, "| Scenario | Conns | Paydesk µs/req |");
        foreach (var (scenario, connections, cells) in rows)
        {
            Assert.True(Number(cells[2]) >= 0 && Number(cells[3]) >= Number(cells[2]), $"Paydesk CPU of {scenario} c={connections}: {cells[2]} / {cells[3]}");
            Assert.True(Number(cells[4]) >= 0 && Number(cells[5]) >= Number(cells[4]), $"floor CPU of {scenario} c={connections}: {cells[4]} / {cells[5]}");
        }

        foreach (var scenario in rows.GroupBy(row => row.Scenario))
        {
            Assert.True(scenario.Sum(row => Number(row.Cells[3])) > 0, $"Paydesk used no CPU for {scenario.Key}:\n{report}");
        }
    }

    /// <summary>The writes are also measured against issue 8's single-insert floor, labelled as such.</summary>
    private static void AssertSingleInsertFloorMeasured(string report)
    {
        var rows = TableRows(report, "| Scenario | Conns | Single-insert floor (issue 8) req/s |")
            .Select(cells => cells[0].Trim('`')).ToList();
        foreach (var scenario in Scenarios.Where(scenario => scenario.StartsWith("POST ", StringComparison.Ordinal)))
        {
            Assert.Equal(Connections.Length, rows.Count(row => row == scenario));
        }
    }

    private static void AssertRealisticGatewayMeasured(string report)
    {
        var row = Assert.Single(TableRows(report, "| Bound req/s |"));
        Assert.Equal("853", row[0]);
        Assert.True(Number(row[1]) > 0, $"Paydesk answered no charge with a realistic gateway:\n{report}");
        Assert.Equal("0", row[5]);
        Assert.Contains("process_threads", report, StringComparison.Ordinal);
    }

    /// <summary>The row of every scenario at every connection count in the table under <paramref name="header"/>.</summary>
    private static List<(string Scenario, int Connections, string[] Cells)> RowPerScenario(string report, string header)
    {
        var rows = TableRows(report, header)
            .ToDictionary(cells => (cells[0].Trim('`'), int.Parse(cells[1], CultureInfo.InvariantCulture)));
        var found = new List<(string, int, string[])>();
        foreach (var scenario in Scenarios)
        {
            foreach (var connections in Connections)
            {
                Assert.True(rows.TryGetValue((scenario, connections), out var cells), $"no row for {scenario} at {connections} connection(s) under '{header}':\n{report}");
                found.Add((scenario, connections, cells));
            }
        }

        return found;
    }

    private static void AssertRelayMeasured(string report)
    {
        var row = Assert.Single(TableRows(report, "| Bare confirm loop ev/s |"));
        Assert.True(Number(row[0]) > 0, $"bare confirm rate is {row[0]}");
        Assert.True(Number(row[1]) > 0, $"relay rate is {row[1]}");
        Assert.True(Number(row[4]) > 0, $"commit -> broker p99 is {row[4]}");
    }

    private static void AssertStartupMeasured(string report)
    {
        foreach (var provider in new[] { "Sqlite", "Postgres" })
        {
            var match = Regex.Match(report, provider + @": \*\*(\d+) ms\*\*");
            Assert.True(match.Success, $"no start-to-ready figure for {provider}:\n{report}");
            Assert.True(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > 0);
        }
    }

    private static void AssertGoalsTable(string report)
    {
        var goals = TableRows(report, "| Goal |").Select(cells => cells[0]).ToList();
        foreach (var scenario in Scenarios)
        {
            Assert.Contains(goals, goal => goal.StartsWith($"`{scenario}` c=1 ratio ≥", StringComparison.Ordinal));
            Assert.Contains(goals, goal => goal.StartsWith($"`{scenario}` p99 at 32 connections", StringComparison.Ordinal));
        }

        Assert.Contains(goals, goal => goal.StartsWith("Peak RSS", StringComparison.Ordinal));
        Assert.Contains(goals, goal => goal.StartsWith("Ready <", StringComparison.Ordinal));
        Assert.Contains(goals, goal => goal.StartsWith("Realistic gateway ≥ 0.9", StringComparison.Ordinal));
        var relay = Assert.Single(TableRows(report, "| Goal |"), cells => cells[0].StartsWith("Relay ≥", StringComparison.Ordinal));
        Assert.Matches(@"^\d+\.\d+$", relay[1]);
        Assert.Contains(goals, goal => goal.Contains("issue 4", StringComparison.Ordinal));
    }

    private static async Task AssertNothingLeftBehindAsync(string runOutput, string postgres, string id)
    {
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname LIKE @prefix", connection);
            command.Parameters.AddWithValue("prefix", $"paydesk_bench_{id}%");
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }

        Assert.False(await ExistsAsync(channel => channel.ExchangeDeclarePassiveAsync($"paydesk.bench.{id}")), "the relay's exchange is left on the broker");
        Assert.False(await ExistsAsync(channel => channel.QueueDeclarePassiveAsync($"paydesk.bench.{id}.queue")), "the relay's queue is left on the broker");

        var sandbox = SandboxLine().Match(runOutput);
        Assert.True(sandbox.Success, "run.sh did not log the sandbox's process id");
        var sandboxCmdline = $"/proc/{sandbox.Groups["pid"].Value}/cmdline";
        var sandboxAlive = File.Exists(sandboxCmdline) && (await File.ReadAllTextAsync(sandboxCmdline)).Contains("Paydesk.Sandbox.dll", StringComparison.Ordinal);
        Assert.False(sandboxAlive, "the sandbox started by run.sh is still running");

        var started = ServersLine().Match(runOutput);
        Assert.True(started.Success, "run.sh did not log the Paydesk and baseline process ids");
        foreach (var pid in new[] { started.Groups["paydesk"].Value, started.Groups["baseline"].Value })
        {
            var cmdline = $"/proc/{pid}/cmdline";
            var alive = File.Exists(cmdline) && (await File.ReadAllTextAsync(cmdline)).Contains(".dll", StringComparison.Ordinal);
            Assert.False(alive, $"process {pid} started by run.sh is still running");
        }
    }

    private static async Task<bool> ExistsAsync(Func<IChannel, Task> passiveDeclare)
    {
        await using var connection = await RabbitMqBroker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await passiveDeclare(channel);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    /// <summary>The body rows of the markdown table whose header starts with <paramref name="header"/>, as trimmed cells.</summary>
    private static IEnumerable<string[]> TableRows(string markdown, string header)
    {
        var lines = markdown.Split('\n');
        var start = Array.FindIndex(lines, line => line.StartsWith(header, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no table with header '{header}':\n{markdown}");
        return lines.Skip(start + 2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .ToList();
    }

    private static double Number(string cell) => double.Parse(cell.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static string BuildConfiguration() =>
        typeof(SmokeRunTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;

    [GeneratedRegex(@"Paydesk on :\d+ \(pid (?<paydesk>\d+)\), baseline on :\d+ \(pid (?<baseline>\d+)\)")]
    private static partial Regex ServersLine();

    [GeneratedRegex(@"sandbox on :\d+ \(pid (?<pid>\d+)\)")]
    private static partial Regex SandboxLine();
}
