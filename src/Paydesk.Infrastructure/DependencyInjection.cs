using Microsoft.Extensions.DependencyInjection;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.Config.Redaction;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Email;
using Paydesk.Infrastructure.External.Messaging;
using Paydesk.Infrastructure.External.PaymentGateway;
using Paydesk.Infrastructure.External.Redis;
using Paydesk.Infrastructure.External.Webhooks;
using Paydesk.Infrastructure.Health;
using Paydesk.Infrastructure.Reconciliation;

namespace Paydesk.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Every adapter; each component registers, binds and validates its own options.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services) =>
        services
            .AddPaymentsOptions()
            .AddPersistence()
            .AddMessaging()
            .AddWebhooks()
            .AddPaymentGateway()
            .AddReconciliation()
            .AddEmail()
            .AddRedis()
            .AddPaydeskRedaction()
            .AddHealth();
}
