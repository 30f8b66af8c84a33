using System.Diagnostics;
using System.Text;

namespace Paydesk.Bench.Tests;

/// <summary>A finished run of a script: exit code and everything it printed.</summary>
internal sealed record ScriptRun(int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>
    /// Runs <paramref name="fileName"/> from the repository root. Past the deadline it gets SIGTERM (so its
    /// trap can clean up), then a minute later the whole process tree is killed; either way the test fails.
    /// </summary>
    public static async Task<ScriptRun> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan deadline)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (var timeout = new CancellationTokenSource(deadline))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                await StopAsync(process);
                throw new TimeoutException($"{fileName} did not finish within {deadline}; its output:\n{Text(output)}");
            }
        }

        // The parameterless wait also drains the redirected output.
        await process.WaitForExitAsync();
        return new ScriptRun(process.ExitCode, Text(output), stopwatch.Elapsed);
    }

    private static async Task StopAsync(Process process)
    {
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
