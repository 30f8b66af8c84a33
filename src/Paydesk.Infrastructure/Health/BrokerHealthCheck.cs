using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.External.Messaging;
using Paydesk.Infrastructure.External.Messaging.Transports;

namespace Paydesk.Infrastructure.Health;

/// <summary>
/// Ready only while the broker connection is open, when events go to RabbitMQ. With the in-process
/// transport there is no broker to wait for.
/// </summary>
internal sealed class BrokerHealthCheck(IOptions<MessagingOptions> options, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.Transport != MessagingTransport.RabbitMq)
        {
            return HealthCheckResult.Healthy("In-process transport: no broker.");
        }

        try
        {
            var connection = await ((RabbitMqConnection)services.GetService(typeof(RabbitMqConnection))!).GetAsync(cancellationToken);
            return connection.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The broker connection is closed.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The broker did not answer.", ex);
        }
    }
}
