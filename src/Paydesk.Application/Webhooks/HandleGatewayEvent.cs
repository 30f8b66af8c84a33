using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Application.PaymentMethods;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Webhooks;

namespace Paydesk.Application.Webhooks;

public enum GatewayEventOutcome
{
    /// <summary>Verified and applied (possibly changing nothing, e.g. an out-of-order or unknown event).</summary>
    Applied,

    /// <summary>Seen before: acknowledged and ignored.</summary>
    Duplicate,
}

/// <summary>
/// Applies a verified gateway event: once per event id, and only where the payment's state machine
/// allows, so events that arrive twice or out of order never move a payment backwards.
/// </summary>
public sealed partial class HandleGatewayEventHandler(
    IGatewayEventReader reader,
    IPaymentRepository payments,
    IReceivedGatewayEventRepository receivedEvents,
    SaveSetupPaymentMethod setups,
    IUnitOfWork unitOfWork,
    ChangeOrigin origin,
    TimeProvider clock,
    PaydeskTelemetry telemetry,
    ILogger<HandleGatewayEventHandler> logger)
{
    public async Task<GatewayEventOutcome> HandleAsync(string payload, string? signatureHeader, CancellationToken cancellationToken)
    {
        GatewayEvent gatewayEvent;
        try
        {
            gatewayEvent = reader.Read(payload, signatureHeader);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Count("unknown", "rejected");
            throw;
        }

        origin.Set(ChangeCause.Webhook, gatewayEvent.Id);
        var outcome = await ApplyAsync(gatewayEvent, cancellationToken);
        Count(gatewayEvent.Type, outcome == GatewayEventOutcome.Applied ? "applied" : "duplicate");
        return outcome;
    }

    private void Count(string type, string result) =>
        telemetry.WebhookEvents.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("result", result));

    // Reconciliation, a charge's second commit or the same event delivered to another instance may
    // commit the same payment between this read and this commit; a few fresh attempts settle such a race.
    internal const int ApplyAttempts = 5;

    private async Task<GatewayEventOutcome> ApplyAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryApplyAsync(gatewayEvent, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < ApplyAttempts)
            {
                // The unit of work dropped its changes: the next attempt reads the payment afresh, and
                // finds the event recorded when the other writer was its twin delivery.
            }
        }
    }

    private async Task<GatewayEventOutcome> TryApplyAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        if (await receivedEvents.ExistsAsync(gatewayEvent.Id, cancellationToken))
        {
            return GatewayEventOutcome.Duplicate;
        }

        var now = clock.GetUtcNow();
        foreach (var change in gatewayEvent.Changes)
        {
            var payment = await payments.GetByIdAsync(new PaymentId(change.PaymentId), cancellationToken);
            if (payment is null)
            {
                // Not one of ours (another integration on the same account): nothing to do.
                continue;
            }

            if (!Apply(payment, change, now))
            {
                LogIgnored(logger, gatewayEvent.Id, gatewayEvent.Type, payment.Id.Value, payment.Status.ToName());
            }
        }

        if (gatewayEvent.Dispute is { } dispute)
        {
            await ApplyDisputeAsync(gatewayEvent, dispute, now, cancellationToken);
        }

        if (gatewayEvent.Setup is { } setup)
        {
            await setups.ApplyAsync(setup, cancellationToken);
        }

        receivedEvents.Add(ReceivedGatewayEvent.Record(gatewayEvent.Id, gatewayEvent.Type, now));
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException ex) when (ex.Target?.Contains("dispute", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Two events about one new dispute at once: this one is refused (4xx/409) so that the
            // gateway sends it again, and then it merges into the dispute the other one opened.
            throw new ConcurrencyConflictException("Another event opened this dispute at the same moment; retry.", ex);
        }
        catch (DuplicateKeyException)
        {
            // The same event delivered twice at once: the other delivery applied it.
            return GatewayEventOutcome.Duplicate;
        }

        return GatewayEventOutcome.Applied;
    }

    private async Task ApplyDisputeAsync(GatewayEvent gatewayEvent, GatewayDisputeReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payment = await payments.GetByGatewayReferenceAsync(report.PaymentReference, cancellationToken);
        if (payment is null)
        {
            // A dispute of a charge Paydesk did not make: nothing to do.
            LogUnknownDispute(logger, gatewayEvent.Id, gatewayEvent.Type, report.Dispute.GatewayId);
            return;
        }

        if (!payment.Apply(report.Dispute, now))
        {
            LogDisputeUnchanged(logger, gatewayEvent.Id, gatewayEvent.Type, report.Dispute.GatewayId);
        }
    }

    internal static bool Apply(Payment payment, GatewayStateChange change, DateTimeOffset now) =>
        change.RefundId is { } refundId
            ? change.Refund is { } refund && payment.Apply(new RefundId(refundId), refund, now, OutcomeRule.IfAllowed)
            : change.Charge is { } charge && payment.Apply(charge, now, OutcomeRule.IfAllowed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} ({Type}) left payment {PaymentId} as it was: it is already {Status}")]
    private static partial void LogIgnored(ILogger logger, string eventId, string type, Guid paymentId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} ({Type}) is about dispute {DisputeId} of a charge that is not Paydesk's")]
    private static partial void LogUnknownDispute(ILogger logger, string eventId, string type, string disputeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} ({Type}) told nothing new about dispute {DisputeId}")]
    private static partial void LogDisputeUnchanged(ILogger logger, string eventId, string type, string disputeId);
}
