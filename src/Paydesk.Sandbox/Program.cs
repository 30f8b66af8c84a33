using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Paydesk.Sandbox;

/// <summary>
/// The emulator on its own, for a benchmark or a developer who runs Paydesk against it from another
/// process: <c>dotnet run --project src/Paydesk.Sandbox -- --PaymentGateway:Sandbox:Port=12111</c>.
/// The same keys as inside the host, from <c>PAYDESK_</c> environment variables or the command line.
/// </summary>
internal static class SandboxProgram
{
    public static async Task<int> Main(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("PAYDESK_")
            .AddCommandLine(args)
            .Build();
        var options = configuration.GetSection(StripeEmulatorOptions.SectionName).Get<StripeEmulatorOptions>() ?? new StripeEmulatorOptions();
        var validation = new StripeEmulatorOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            Console.Error.WriteLine("The sandbox cannot start: the configuration is invalid.");
            foreach (var failure in validation.Failures)
            {
                Console.Error.WriteLine($"  {failure}");
            }

            return 1;
        }

        // One line per request would cost a benchmark more than the emulator does.
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning));
        using var stopping = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        await using var emulator = await StripeEmulator.StartAsync(options, TimeProvider.System, loggerFactory, stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;

        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopping.Cancel();
        }
    }
}
