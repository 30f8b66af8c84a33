using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>What tests and the host ask the emulator about the payments it has seen, and settling on demand.</summary>
internal sealed partial class EmulatorApi
{
    public int CountPaymentIntents(string paymentId)
    {
        lock (_gate)
        {
            return _createdPerPayment.GetValueOrDefault(paymentId);
        }
    }

    public int CountLookups(string paymentId)
    {
        lock (_gate)
        {
            return _lookupsPerPayment.GetValueOrDefault(paymentId);
        }
    }

    public int CountCustomers(Func<IReadOnlyDictionary<string, string>, bool> metadata)
    {
        lock (_gate)
        {
            return _customers.Values.Count(c => metadata(c.Metadata));
        }
    }

    public string? StatusFor(string paymentId) => FindFor(paymentId)?.Status;

    public string? IdFor(string paymentId) => FindFor(paymentId)?.Id;

    private EmulatedPaymentIntent? FindFor(string paymentId)
    {
        lock (_gate)
        {
            return _paymentIntents.Values.FirstOrDefault(pi => pi.Metadata.TryGetValue(PaymentIdMetadataKey, out var id) && id == paymentId);
        }
    }

    public async Task SettleAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        string eventType;
        JsonObject snapshot;
        lock (_gate)
        {
            if (!_paymentIntents.TryGetValue(paymentIntentId, out var pi) || pi.Status != "processing")
            {
                return;
            }

            if (LatestChargeOf(pi) is not { } charge)
            {
                return;
            }

            (eventType, snapshot) = ChargeSucceeded(pi, charge);
        }

        await Webhooks.SendAsync(eventType, snapshot, cancellationToken);
    }
}
