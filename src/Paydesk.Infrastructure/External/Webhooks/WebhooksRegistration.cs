using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paydesk.Application.Events;
using Paydesk.Application.WebhookEndpoints;
using Paydesk.Domain.WebhookEndpoints;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.Repositories;

namespace Paydesk.Infrastructure.External.Webhooks;

internal static class WebhooksRegistration
{
    /// <summary>Outgoing webhooks: options, the endpoints' repository, the fan-out, the guarded client and the delivery worker.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddValidatedOptions<WebhookOptions>(WebhookOptions.SectionName);
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton<IWebhookSettings, WebhookSettings>();
        services.AddScoped<IWebhookEndpointRepository, WebhookEndpointRepository>();
        services.AddScoped<IEventLog, EventLog>();
        services.AddScoped<WebhookFanOut>();

        services.AddHttpClient<WebhookClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    AutomaticDecompression = DecompressionMethods.None,
                    ConnectTimeout = options.Timeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = PrivateNetworkGuard.ConnectCallback(options.AllowPrivateNetworks),
                };
            });
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<WebhookDeliveryClaims>();
        services.AddSingleton<WebhookDeliverer>();
        services.AddSingleton<EndpointDisabledNotice>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<WebhookHousekeeping>();
        services.AddHostedService<WebhookDeliveryWorker>();
        return services;
    }
}
