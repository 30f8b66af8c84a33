using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using Paydesk.Infrastructure.External.Messaging.Outbox;
using Paydesk.Infrastructure.External.Messaging.Relay;
using Paydesk.Infrastructure.External.Messaging.Transports;

namespace Paydesk.Infrastructure.External.Messaging;

internal static class MessagingRegistration
{
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddValidatedOptions<MessagingOptions>(MessagingOptions.SectionName);
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxMetrics>();
        services.AddScoped<OutboxStore>();
        services.AddSingleton<InboxDispatcher>();

        services.AddSingleton<RabbitMqConnection>();
        services.AddSingleton<RabbitMqTransport>();
        services.AddSingleton<InProcessTransport>();
        // The transport is chosen when first needed, so configuration added late (tests) still counts.
        services.AddSingleton<IOutboxTransport>(sp =>
            sp.GetRequiredService<IOptions<MessagingOptions>>().Value.Transport == MessagingTransport.RabbitMq
                ? sp.GetRequiredService<RabbitMqTransport>()
                : sp.GetRequiredService<InProcessTransport>());
        services.AddSingleton<OutboxProcessor>();

        services.AddHostedService<OutboxRelay>();
        services.AddHostedService<RabbitMqHandlerConsumer>();
        return services;
    }
}
