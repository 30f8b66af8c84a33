using System.Diagnostics;

namespace Paydesk.Api.Tests;

/// <summary>Runs the built service (Paydesk.Api.dll beside the tests) as its own process, as an operator would.</summary>
internal static class ServiceProcess
{
    // Bounds only a hung command: a starved machine starts the runtime and the host slowly.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public static Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment, string workingDirectory, params string[] arguments) =>
        RunWithInputAsync(environment, workingDirectory, standardInput: null, arguments);

    public static async Task<(int ExitCode, string Output)> RunWithInputAsync(Dictionary<string, string> environment, string workingDirectory, string? standardInput, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Paydesk.Api.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test run's own settings must not leak into the service under test.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PAYDESK_", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The service did not exit within {Deadline}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
