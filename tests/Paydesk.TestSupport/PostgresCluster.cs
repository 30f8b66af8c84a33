using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Paydesk.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster that one test owns and may crash: initdb'd in a temp dir, on a
/// free loopback port, stopped with <c>pg_ctl stop -m immediate</c> and started again on the same
/// port and data dir. The suite's shared server (<see cref="PostgresServer"/>) must never be
/// stopped, since other test classes use it at the same time. Deleted on dispose.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string BinEnvironmentVariable = "PAYDESK_TEST_POSTGRES_BIN";

    private static readonly TimeSpan CommandDeadline = TimeSpan.FromSeconds(120);

    private readonly string _bin;
    private readonly string _directory;
    private readonly int _port;

    private PostgresCluster(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        _port = port;
    }

    /// <summary>An Npgsql connection string to the cluster's <c>postgres</c> database (trust auth).</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Password=postgres;Database=postgres";

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PostgresCluster> StartNewAsync()
    {
        var bin = Environment.GetEnvironmentVariable(BinEnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{BinEnvironmentVariable} is not set. Run the tests with ./scripts/test.sh, which exports the directory " +
                $"holding initdb and pg_ctl, or set {BinEnvironmentVariable} to such a directory.");

        // Under /tmp, not $TMPDIR: the postgres OS user must reach it and the socket path must stay short.
        var directory = Path.Combine("/tmp", $"paydesk-pgcrash-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(directory);
        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            // initdb creates the data dir as the postgres user, who needs to write here.
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        }

        var cluster = new PostgresCluster(bin, directory, FreePort());
        try
        {
            await cluster.RunAsync("initdb", "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
            await cluster.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartAsync() => RunAsync(
        "pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
        "-o", $"-p {_port} -k '{_directory}' -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200",
        "start");

    /// <summary>Kills the server the way a crash would: no checkpoint, every connection cut.</summary>
    public Task StopImmediatelyAsync() => RunAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await StopImmediatelyAsync();
            }
            catch (InvalidOperationException)
            {
                // Already stopped, or pg_ctl could not: the directory goes either way.
            }
        }

        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a server binary; as root, as the postgres OS user (initdb and pg_ctl refuse root).</summary>
    private async Task RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Environment.IsPrivilegedProcess)
        {
            start.FileName = "runuser";
            foreach (var prefix in new[] { "-u", "postgres", "--" })
            {
                start.ArgumentList.Add(prefix);
            }

            start.ArgumentList.Add(Path.Combine(_bin, tool));
        }
        else
        {
            start.FileName = Path.Combine(_bin, tool);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandDeadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{tool} did not finish within {CommandDeadline}.");
        }

        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_directory, "server.log");
            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty;
            throw new InvalidOperationException(
                $"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stdout}{await stderr}\nserver log:\n{serverLog}");
        }
    }
}
