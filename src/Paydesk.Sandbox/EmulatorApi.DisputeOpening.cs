using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Paydesk.Sandbox;

/// <summary>
/// A captured charge of <c>pm_card_createDispute</c> is disputed, as in Stripe's test mode: after its
/// own webhook (if any) and <see cref="StripeEmulatorOptions.DisputeDelay"/>, a <c>fraudulent</c>
/// dispute opens and its funds are withdrawn (<c>charge.dispute.created</c>, then <c>charge.dispute.funds_withdrawn</c>).
/// </summary>
internal sealed partial class EmulatorApi
{
    private static readonly TimeSpan EvidenceWindow = TimeSpan.FromDays(7);

    /// <summary>A captured charge of the dispute card is disputed once <paramref name="after"/> (its own webhook) is sent and the delay since the capture has passed.</summary>
    private void DisputeIfDisputing(EmulatedCharge charge, Task after)
    {
        if (!charge.Card.Disputes || !charge.Captured)
        {
            return;
        }

        var token = _stopping.Token;

        // The delay runs from the capture (its timer starts now, so a test moving a fake clock cannot miss it).
        var delay = Task.Delay(_options.DisputeDelay, _clock, token);
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await after;
                    await delay;
                    foreach (var (type, snapshot) in OpenDispute(charge.Id))
                    {
                        await SendSafelyAsync(type, snapshot, token);
                    }
                }
                catch (OperationCanceledException)
                {
                }
#pragma warning disable CA1031 // A background dispute must never crash the process; it is logged.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogDisputeFailed(_logger, ex, charge.Id);
                }
            },
            CancellationToken.None);
    }

    private (string, JsonObject)[] OpenDispute(string chargeId)
    {
        lock (_gate)
        {
            if (!_charges.TryGetValue(chargeId, out var charge) || charge.Disputed)
            {
                return [];
            }

            var now = _clock.GetUtcNow();
            var dispute = new EmulatedDispute
            {
                Id = NewId("du"),
                Charge = charge.Id,
                PaymentIntent = charge.PaymentIntent,
                Amount = charge.AmountCaptured,
                Currency = charge.Currency,
                Reason = "fraudulent",
                Status = "needs_response",
                DueBy = (now + EvidenceWindow).ToUnixTimeSeconds(),
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal),
                Created = now.ToUnixTimeSeconds(),
            };
            dispute.BalanceTransactions.Add((NewId("txn"), -dispute.Amount, dispute.Created, $"Chargeback withdrawal for {charge.Id}"));
            charge.Disputed = true;
            _disputes[dispute.Id] = dispute;
            var created = dispute.ToJson();
            return [("charge.dispute.created", created), ("charge.dispute.funds_withdrawn", created.DeepClone().AsObject())];
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The sandbox could not open the dispute of charge {ChargeId}")]
    private static partial void LogDisputeFailed(ILogger logger, Exception exception, string chargeId);
}
