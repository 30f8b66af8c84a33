using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Paydesk.TestSupport;

/// <summary>
/// A redis-server that one test owns and may kill: on a free loopback port, no persistence,
/// killed with SIGKILL and started again on the same port. The run's shared server
/// (<see cref="RedisServer"/>) must never be stopped, since other test classes use it at the same time.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly string _directory;
    private Process? _server;

    private RedisProcess(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>host:port, a StackExchange.Redis configuration string.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartNewAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"paydesk-redis-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(directory);
        var redis = new RedisProcess(directory, FreePort());
        try
        {
            await redis.StartAsync();
            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again) on its port and waits until it answers PING.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(RedisServer.Binary) { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", _directory, "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await Eventually.True(() => PingAsync(), $"redis-server on port {Port} to answer PING");
    }

    /// <summary>Kills the server the way a crash would (SIGKILL), and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _server?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[5];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
            return read == 5 && buffer.AsSpan().SequenceEqual("+PONG"u8);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
