using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Paydesk.Sandbox;

/// <summary>
/// Serves the Stripe-compatible emulator from the host's process (registered by
/// <see cref="SandboxRegistration.AddSandbox"/> only when the sandbox is enabled), so that the
/// default run charges through the production Stripe adapter. It starts before the service listens
/// and stops after it.
/// </summary>
internal sealed class SandboxEmulatorHostedService(
    IOptions<StripeEmulatorOptions> options,
    TimeProvider clock,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private StripeEmulator? _emulator;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _emulator = await StripeEmulator.StartAsync(options.Value, clock, loggerFactory, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
            _emulator = null;
        }
    }
}
