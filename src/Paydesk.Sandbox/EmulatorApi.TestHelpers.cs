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

    /// <summary>
    /// Answers a dispute as <c>POST /v1/disputes/{id}</c> (or <c>/close</c> when <paramref name="evidence"/>
    /// is null) does, and returns once its webhooks are sent: the new status, or the refusal's message.
    /// </summary>
    public async Task<(bool Done, string StatusOrError)> RespondToDisputeAsync(string id, string? evidence, CancellationToken cancellationToken)
    {
        var (response, events) = evidence is null
            ? ApplyDisputeClose(id)
            : ApplyDisputeUpdate(id, new Dictionary<string, string>(StringComparer.Ordinal) { ["evidence[uncategorized_text]"] = evidence });
        foreach (var (type, snapshot) in events)
        {
            await SendSafelyAsync(type, snapshot, cancellationToken);
        }

        return response.Status == 200
            ? (true, response.Body["status"]!.GetValue<string>())
            : (false, response.Body["error"]!["message"]!.GetValue<string>());
    }

    public string? DisputeIdFor(string paymentId)
    {
        if (FindFor(paymentId) is not { } intent)
        {
            return null;
        }

        lock (_gate)
        {
            return _disputes.Values.FirstOrDefault(d => d.PaymentIntent == intent.Id)?.Id;
        }
    }
}
