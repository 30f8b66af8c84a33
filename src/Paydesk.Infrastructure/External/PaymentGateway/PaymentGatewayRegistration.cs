using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.External.PaymentGateway.Stripe;

namespace Paydesk.Infrastructure.External.PaymentGateway;

internal static class PaymentGatewayRegistration
{
    /// <summary>
    /// The gateway port and its webhook reader. Stripe is the one provider; in Development its
    /// ApiBase is the sandbox emulator, which the host registers (Paydesk.Sandbox), not this layer.
    /// </summary>
    public static IServiceCollection AddPaymentGateway(this IServiceCollection services)
    {
        services.AddValidatedOptions<PaymentGatewayOptions>(PaymentGatewayOptions.SectionName);
        services.AddStripeGateway();
        services.AddSingleton<IPaymentGateway>(sp => new InstrumentedPaymentGateway(
            sp.GetRequiredService<StripePaymentGateway>(),
            sp.GetRequiredService<PaydeskTelemetry>()));
        services.AddSingleton<IPaymentMethodGateway>(sp => sp.GetRequiredService<StripePaymentMethodGateway>());
        services.AddSingleton<IGatewayEventReader, StripeWebhookReader>();
        return services;
    }
}
