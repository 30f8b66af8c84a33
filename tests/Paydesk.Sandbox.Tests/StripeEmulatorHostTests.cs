using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Paydesk.Sandbox.Tests;

/// <summary>The emulator runs inside Paydesk's process: its host must add no background work.</summary>
public sealed class StripeEmulatorHostTests
{
    [Fact]
    public async Task The_emulator_host_does_not_watch_configuration_files()
    {
        await using var emulator = await StripeEmulator.StartAsync(new StripeEmulatorOptions
        {
            SecretKey = TestKeys.SecretKey,
            WebhookSecret = "whsec_host_tests",
        });

        var providers = ((IConfigurationRoot)emulator.Configuration).Providers.OfType<JsonConfigurationProvider>().ToList();

        Assert.NotEmpty(providers);
        Assert.All(providers, provider => Assert.False(provider.Source.ReloadOnChange, provider.Source.Path));
    }
}
