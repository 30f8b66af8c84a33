using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Paydesk.Application.Payments;
using Paydesk.Application.Reconciliation;
using Paydesk.Application.Reports;
using Paydesk.Application.Users;
using Paydesk.Application.Webhooks;

namespace Paydesk.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatorsFromAssemblyContaining<RegisterUserValidator>(ServiceLifetime.Singleton, includeInternalTypes: false);

        services.AddScoped<RegisterUserHandler>();
        services.AddScoped<GetUserHandler>();
        services.AddScoped<CreatePaymentHandler>();
        services.AddScoped<GetPaymentHandler>();
        services.AddScoped<ListUserPaymentsHandler>();
        services.AddScoped<RefundPaymentHandler>();
        services.AddScoped<GetDailyTotalsHandler>();
        services.AddScoped<HandleGatewayEventHandler>();
        services.AddScoped<ReconcilePaymentsHandler>();
        return services;
    }
}
