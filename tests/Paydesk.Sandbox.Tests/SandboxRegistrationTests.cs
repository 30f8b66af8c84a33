using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Paydesk.Sandbox.Tests;

/// <summary>The host serves the emulator only when the sandbox is enabled.</summary>
public sealed class SandboxRegistrationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void A_disabled_sandbox_registers_nothing(string? enabled)
    {
        var services = new ServiceCollection();

        services.AddSandbox(Configuration(enabled));

        Assert.Empty(services);
    }

    [Fact]
    public async Task An_enabled_sandbox_serves_the_emulator_while_the_host_runs()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSandbox(Configuration("true", ("Port", "0"), ("SecretKey", TestKeys.SecretKey)));
        await using var provider = services.BuildServiceProvider();
        var hosted = Assert.Single(provider.GetServices<IHostedService>());

        await hosted.StartAsync(CancellationToken.None);
        await hosted.StopAsync(CancellationToken.None);

        Assert.IsType<SandboxEmulatorHostedService>(hosted);
        Assert.Equal(TestKeys.SecretKey, provider.GetRequiredService<IOptions<StripeEmulatorOptions>>().Value.SecretKey);
    }

    [Fact]
    public void An_enabled_sandbox_reports_a_bad_setting_with_its_full_key()
    {
        var services = new ServiceCollection();
        services.AddSandbox(Configuration("true", ("FaultRate", "2")));
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StripeEmulatorOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.StartsWith("PaymentGateway:Sandbox:FaultRate: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AuthorizationLifetime", "00:00:00")]
    [InlineData("AuthorizationLifetime", "32.00:00:00")]
    [InlineData("DisputeDelay", "02:00:00")]
    public void An_authorization_lifetime_or_dispute_delay_out_of_range_is_reported_with_its_full_key(string key, string value)
    {
        var services = new ServiceCollection();
        services.AddSandbox(Configuration("true", (key, value)));
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StripeEmulatorOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.StartsWith($"PaymentGateway:Sandbox:{key}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_short_authorization_lifetime_is_bound()
    {
        var services = new ServiceCollection();
        services.AddSandbox(Configuration("true", ("AuthorizationLifetime", "00:00:02")));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(2), provider.GetRequiredService<IOptions<StripeEmulatorOptions>>().Value.AuthorizationLifetime);
    }

    private static IConfiguration Configuration(string? enabled, params (string Key, string Value)[] settings)
    {
        var values = settings.ToDictionary(s => $"{StripeEmulatorOptions.SectionName}:{s.Key}", s => (string?)s.Value);
        if (enabled is not null)
        {
            values[SandboxRegistration.EnabledKey] = enabled;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
