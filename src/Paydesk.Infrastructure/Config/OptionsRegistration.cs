using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Paydesk.Infrastructure.Config;

public static class OptionsRegistration
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> and validates it when the host starts.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(sectionName));
        return services.AddOptions<TOptions>()
            .BindConfiguration(sectionName, binder => binder.ErrorOnUnknownConfiguration = false)
            .ValidateOnStart();
    }
}
