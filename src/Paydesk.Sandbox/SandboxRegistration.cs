using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Paydesk.Sandbox;

public static class SandboxRegistration
{
    /// <summary>The key that turns the in-process emulator on (Development).</summary>
    public const string EnabledKey = StripeEmulatorOptions.SectionName + ":" + nameof(StripeEmulatorOptions.Enabled);

    /// <summary>
    /// Serves the emulator from the host's process when <c>PaymentGateway:Sandbox:Enabled</c> is
    /// true; otherwise registers nothing, and its settings are neither read nor validated.
    /// </summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!configuration.GetValue<bool>(EnabledKey))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<StripeEmulatorOptions>, StripeEmulatorOptionsValidator>();
        services.AddOptions<StripeEmulatorOptions>()
            .Bind(configuration.GetSection(StripeEmulatorOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = false)
            .ValidateOnStart();
        services.AddHostedService<SandboxEmulatorHostedService>();
        return services;
    }
}
