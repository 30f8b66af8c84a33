using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Application.Common;
using Paydesk.Domain.WebhookEndpoints;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>
/// Makes one attempt of one claimed delivery and stores what it met: the attempt, the delivery's
/// next step (done, the schedule's next retry, or dead) and the endpoint's failure streak.
/// </summary>
internal sealed partial class WebhookDeliverer(
    IServiceScopeFactory scopes,
    EndpointDisabledNotice disabledNotice,
    WebhookMetrics metrics,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliverer> logger)
{
    public async Task DeliverAsync(ClaimedDelivery claimed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaydeskDbContext>();
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == claimed.Id && d.ClaimToken == claimed.Token, cancellationToken);
        if (delivery is null)
        {
            return;
        }

        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        var message = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Id == delivery.EventId)
            .Select(m => new { m.Payload, m.ContentType })
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var reason = endpoint is null ? "endpoint_deleted" : !endpoint.Enabled ? "endpoint_disabled" : message is null ? "event_not_stored" : null;
        if (reason is not null)
        {
            delivery.Abandon(now);
            db.WebhookAttempts.Add(WebhookAttempt.Record(delivery, now, null, $"{reason}: not attempted", TimeSpan.Zero, null));
            await SaveAsync(db, delivery, cancellationToken);
            metrics.Attempted(WebhookOutcome.Dead, TimeSpan.Zero);
            return;
        }

        // The typed client comes from the factory per attempt, so its handler is rotated as the factory intends.
        var client = scope.ServiceProvider.GetRequiredService<WebhookClient>();
        await AttemptAsync(db, client, delivery, endpoint!, message!.Payload, message.ContentType, now, cancellationToken);
    }

    private async Task AttemptAsync(
        PaydeskDbContext db, WebhookClient client, WebhookDelivery delivery, WebhookEndpoint endpoint, string payload, string contentType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var activity = PaydeskTelemetry.ActivitySource.StartActivity("webhook delivery", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("paydesk.webhook.endpoint_id", endpoint.Id.ToString());
        activity?.SetTag("paydesk.event.id", delivery.EventId.ToString());
        var messageId = delivery.EventId.ToString();
        var timestamp = now.ToUnixTimeSeconds();
        var signature = WebhookSigner.Sign(endpoint.SigningSecrets(now), messageId, timestamp, payload);
        var result = await client.PostAsync(new Uri(endpoint.Url), payload, contentType, messageId, timestamp, signature, cancellationToken);

        var after = clock.GetUtcNow();
        db.WebhookAttempts.Add(WebhookAttempt.Record(delivery, now, result.StatusCode, result.Error, result.Duration, result.ResponseStart));
        string outcome;
        var disabled = false;
        if (result.Succeeded)
        {
            delivery.Succeeded(after);
            endpoint.RecordSuccess();
            outcome = WebhookOutcome.Succeeded;
        }
        else
        {
            outcome = delivery.Failed(after, options.Value.EffectiveRetrySchedule) ? WebhookOutcome.Dead : WebhookOutcome.Retrying;
            disabled = endpoint.RecordFailure(now, options.Value.DisableAfter);
            LogFailed(logger, delivery.EventId, endpoint.Id, delivery.Attempts, result.StatusCode, result.Error, outcome);
        }

        activity?.SetTag("paydesk.webhook.outcome", outcome);
        await SaveAsync(db, delivery, cancellationToken);
        metrics.Attempted(outcome, result.Duration);
        if (disabled)
        {
            await disabledNotice.SendAsync(endpoint, cancellationToken);
        }
    }

    private async Task SaveAsync(PaydeskDbContext db, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The claim's lease ran out and another instance holds the delivery now; it will store its own outcome.
            LogClaimLost(logger, delivery.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} to endpoint {EndpointId} failed attempt {Attempts} (status {StatusCode}, {Error}): {Outcome}")]
    private static partial void LogFailed(ILogger logger, Guid eventId, Guid endpointId, int attempts, int? statusCode, string? error, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId}: the claim expired before its outcome was stored")]
    private static partial void LogClaimLost(ILogger logger, Guid deliveryId);
}
