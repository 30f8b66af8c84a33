using System.Globalization;

namespace Paydesk.Bench.Tests;

/// <summary>bench/report.py on hand-made raw results: a run with failed requests measures the failures.</summary>
public sealed class ReportTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("paydesk-bench-report-");

    [Fact]
    public async Task A_run_with_failed_requests_is_marked_invalid_and_fails()
    {
        // Arrange
        var raw = RawResults(paydeskNon2xx: 5);

        // Act
        var run = await ReportAsync(raw);

        // Assert
        Assert.Equal(1, run.ExitCode);
        var report = await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "latest.md"));
        Assert.Contains("**invalid**: 5 failed requests", report, StringComparison.Ordinal);
        Assert.Contains("requests failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_failed_requests_writes_the_report_and_succeeds()
    {
        // Arrange
        var raw = RawResults(paydeskNon2xx: 0);

        // Act
        var run = await ReportAsync(raw);

        // Assert
        Assert.True(run.ExitCode == 0, run.Output);
        var report = await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "latest.md"));
        Assert.DoesNotContain("invalid", report, StringComparison.Ordinal);
        Assert.Contains("| Relay ≥ 0.5 of bare confirm rate | not measured in this run | n/a |", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory.FullName, "chart.svg")));
    }

    [Fact]
    public async Task The_warm_up_each_scenario_needed_until_the_JIT_settled_is_reported()
    {
        // Arrange
        var warmups = Path.Combine(_directory.FullName, "warmups.tsv");
        await File.WriteAllTextAsync(warmups, "GET /v1/payments/{id}\t65\t9120\t88\n");

        // Act
        var run = await ReportAsync(RawResults(paydeskNon2xx: 0), "--warmups", warmups, "--warmup-max", "180", "--jit-settled", "30");

        // Assert
        Assert.True(run.ExitCode == 0, run.Output);
        var report = await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "latest.md"));
        Assert.Contains("in steps of 1 s until Paydesk's JIT had settled (fewer than 30 methods compiled per second; at most 180 s)", report, StringComparison.Ordinal);
        Assert.Contains("| `GET /v1/payments/{id}` | 65 | 9,120 | 88 |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_background_drain_after_each_run_is_reported_with_the_rate_it_leaves()
    {
        // Arrange: 1,000 requests in 1 s, then 1 s until the outbox had drained; the floor 1,000/s (no drain recorded).
        var raw = RawResults(paydeskNon2xx: 0).Replace(
            "\"target\":\"paydesk\",\"round\":1,\"result\":{", "\"target\":\"paydesk\",\"round\":1,\"result\":{\"drain_ms\":1000,", StringComparison.Ordinal);

        // Act
        var run = await ReportAsync(raw);

        // Assert
        Assert.True(run.ExitCode == 0, run.Output);
        var report = await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "latest.md"));
        Assert.Contains("| `GET /v1/payments/{id}` | 1 | 1.0 | 500 | n/a | 1,000 | 0.50 |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_floor_drain_counts_the_same_way_as_Paydesks()
    {
        // Arrange: both answer 1,000 requests in 1 s; Paydesk drains for 1 s, the floor for 0.25 s.
        var raw = RawResults(paydeskNon2xx: 0)
            .Replace("\"target\":\"paydesk\",\"round\":1,\"result\":{", "\"target\":\"paydesk\",\"round\":1,\"result\":{\"drain_ms\":1000,", StringComparison.Ordinal)
            .Replace("\"target\":\"baseline\",\"round\":1,\"result\":{", "\"target\":\"baseline\",\"round\":1,\"result\":{\"drain_ms\":250,", StringComparison.Ordinal);

        // Act
        var run = await ReportAsync(raw);

        // Assert: 500 against 800 req/s held.
        Assert.True(run.ExitCode == 0, run.Output);
        var report = await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "latest.md"));
        Assert.Contains("| `GET /v1/payments/{id}` | 1 | 1.0 | 500 | 0.2 | 800 | 0.62 |", report, StringComparison.Ordinal);
        Assert.Contains("| `GET /v1/payments/{id}` c=1 ratio ≥ 0.85 of the honest floor, incl. drain | 0.62 | **missed** |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CPU_per_request_is_the_process_time_over_the_answered_requests()
    {
        // Arrange: 1,000 requests; Paydesk used 0.5 s of CPU in the run and 0.6 s until drained, the floor 0.2 s.
        var raw = RawResults(paydeskNon2xx: 0)
            .Replace("\"target\":\"paydesk\",\"round\":1,\"result\":{", "\"target\":\"paydesk\",\"round\":1,\"result\":{\"cpu_us\":500000,\"cpu_drain_us\":600000,", StringComparison.Ordinal)
            .Replace("\"target\":\"baseline\",\"round\":1,\"result\":{", "\"target\":\"baseline\",\"round\":1,\"result\":{\"cpu_us\":200000,\"cpu_drain_us\":200000,", StringComparison.Ordinal);

        // Act
        var run = await ReportAsync(raw);

        // Assert
        Assert.True(run.ExitCode == 0, run.Output);
        var report = await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "latest.md"));
        Assert.Contains("| `GET /v1/payments/{id}` | 1 | 500 | 600 | 200 | 200 | 3.00 | 0.50 |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_single_insert_floor_of_issue_8_is_kept_as_its_own_labelled_columns()
    {
        // Arrange
        var raw = RawResults(paydeskNon2xx: 0) + Line("single", 0, requests: 4000);

        // Act
        var run = await ReportAsync(raw);

        // Assert: Paydesk's 1,000 req/s against the single insert's 4,000.
        Assert.True(run.ExitCode == 0, run.Output);
        var report = await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "latest.md"));
        Assert.Contains("| Scenario | Conns | Single-insert floor (issue 8) req/s |", report, StringComparison.Ordinal);
        Assert.Contains("| `GET /v1/payments/{id}` | 1 | 4,000 | 0.90 | 2.00 | 0.25 | 0.25 |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_realistic_gateway_scenario_is_reported_against_its_bound()
    {
        // Arrange: 256 connections, 300 ms per charge (bound 853 req/s); 800 answered in 1 s.
        var realistic = await RealisticAsync(non2xx: 0);

        // Act
        var run = await ReportAsync(RawResults(paydeskNon2xx: 0), "--realistic", realistic);

        // Assert
        Assert.True(run.ExitCode == 0, run.Output);
        var report = await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "latest.md"));
        Assert.Contains("| 853 | 800 | 0.94 | 301.0 | 350.0 | 0 |", report, StringComparison.Ordinal);
        Assert.Contains("| `db_client_connection_count (used)` | 12 |", report, StringComparison.Ordinal);
        Assert.Contains("| Realistic gateway ≥ 0.9 of its bound, no errors | 0.94 of the bound, 0 errors", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_realistic_gateway_run_with_failed_requests_fails()
    {
        // Arrange
        var realistic = await RealisticAsync(non2xx: 3);

        // Act
        var run = await ReportAsync(RawResults(paydeskNon2xx: 0), "--realistic", realistic);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("charges with a realistic gateway", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_drain_times_no_background_table_is_written()
    {
        // Act
        var run = await ReportAsync(RawResults(paydeskNon2xx: 0));

        // Assert
        Assert.True(run.ExitCode == 0, run.Output);
        var report = await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "latest.md"));
        Assert.DoesNotContain("Ratio incl. drain", report, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static string RawResults(int paydeskNon2xx) => Line("paydesk", paydeskNon2xx) + Line("baseline", 0);

    private static string Line(string target, int non2xx, int requests = 1000) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"scenario":"GET /v1/payments/{id}","connections":1,"target":"{{{target}}}","round":1,"result":{"requests":{{{requests}}},"duration_us":1000000,"connect_errors":0,"read_errors":0,"write_errors":0,"timeouts":0,"non2xx":{{{non2xx}}},"p50_us":900,"p99_us":2000}}""") + "\n";

    private async Task<string> RealisticAsync(int non2xx)
    {
        var path = Path.Combine(_directory.FullName, "realistic.json");
        await File.WriteAllTextAsync(path, string.Create(CultureInfo.InvariantCulture,
            $$$"""{"connections":256,"latency_ms":300,"pool":100,"warmup_s":5,"rounds":[{"requests":{{{800 + non2xx}}},"duration_us":1000000,"connect_errors":0,"read_errors":0,"write_errors":0,"timeouts":0,"non2xx":{{{non2xx}}},"p50_us":301000,"p99_us":350000,"drain_ms":500,"cpu_us":400000,"cpu_drain_us":500000}],"metrics_max":{"db_client_connection_count (used)":12,"process_threads":40}}"""));
        return path;
    }

    private async Task<ScriptRun> ReportAsync(string raw, params string[] extraArguments)
    {
        var rawPath = Path.Combine(_directory.FullName, "raw.jsonl");
        var startupPath = Path.Combine(_directory.FullName, "startup.txt");
        await File.WriteAllTextAsync(rawPath, raw);
        await File.WriteAllTextAsync(startupPath, "Sqlite 900\nPostgres 1100\n");
        string[] arguments =
        [
            "bench/report.py", "--raw", rawPath, "--startup", startupPath, "--out", _directory.FullName,
            "--mode", "smoke", "--cpu", "test cpu", "--dotnet", "10.0", "--postgres", "PostgreSQL 15", "--wrk", "wrk 4",
            "--duration", "1", "--warmup", "1", "--rounds", "1", "--nproc", "2",
            "--peak-rss-kb", "100000", "--baseline-rss-kb", "50000", "--mem-kb", "1000000",
            .. extraArguments,
        ];
        return await ScriptRun.RunAsync("python3", arguments, new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
    }
}
