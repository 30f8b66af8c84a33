using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paydesk.Application.Payments;

namespace Paydesk.Infrastructure.Config;

internal static class PaymentsOptionsRegistration
{
    /// <summary>
    /// The <c>Payments</c> section, validated at start-up; also as a plain singleton, because the
    /// Application reads it without the options framework.
    /// </summary>
    public static IServiceCollection AddPaymentsOptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<PaymentsOptions>(PaymentsOptions.SectionName);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PaymentsOptions>>().Value);
        return services;
    }
}
