using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Instances;

/// <summary>
/// One running instance of the built service (Paydesk.Api.dll beside the tests, as
/// <see cref="ServiceProcess"/> runs it) on a loopback port of its own, until it is killed.
/// </summary>
internal sealed class ServiceInstance : IAsyncDisposable
{
    // A cold runtime on a starved 2-core machine starts slowly; a healthy start takes a few seconds.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(2);

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ServiceInstance(string name, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        _settings = settings;
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the process wrote so far, for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServiceInstance> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var instance = new ServiceInstance(name, settings);
        await instance.StartAsync();
        return instance;
    }

    /// <summary>Starts (or restarts, on the same port) and waits until readiness answers 200.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Paydesk.Api.dll"));
        start.ArgumentList.Add($"--urls={BaseAddress.ToString().TrimEnd('/')}");
        foreach (var (key, value) in _settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        // The test run's own settings must not leak into the service under test.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("PAYDESK_", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.Until(
            async () => _process.HasExited ? HttpStatusCode.Gone : await ReadinessAsync(probe),
            status => status is HttpStatusCode.OK or HttpStatusCode.Gone,
            StartDeadline,
            $"instance {Name} to become ready");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"Instance {Name} exited with {_process.ExitCode} during start-up:\n{Output}");
        }
    }

    public HttpClient CreateClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Kills the process with SIGKILL, as the OOM killer or a lost node would: no shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private static async Task<HttpStatusCode> ReadinessAsync(HttpClient probe)
    {
        try
        {
            using var response = await probe.GetAsync("/health/ready");
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
        catch (TaskCanceledException)
        {
            return HttpStatusCode.RequestTimeout;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Bounded: a long load run must not keep every line.
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }

            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
