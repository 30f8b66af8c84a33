using Microsoft.Extensions.DependencyInjection;
using Paydesk.Infrastructure.Config;

namespace Paydesk.Infrastructure.Reconciliation;

internal static class ReconciliationRegistration
{
    /// <summary>The background worker that checks pending payments with the gateway, and its options.</summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services)
    {
        services.AddValidatedOptions<ReconciliationOptions>(ReconciliationOptions.SectionName);
        services.AddHostedService<ReconciliationWorker>();
        return services;
    }
}
