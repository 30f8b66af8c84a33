using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Paydesk.Sandbox;

/// <summary>
/// Disputes, as Stripe's test mode makes them: a charge with <c>pm_card_createDispute</c> is disputed
/// (<c>fraudulent</c>, funds withdrawn) soon after it is captured; evidence <c>winning_evidence</c>
/// wins it, <c>losing_evidence</c> loses it, other evidence puts it under review; closing accepts it.
/// </summary>
internal sealed partial class EmulatorApi
{
    private const string WinningEvidence = "winning_evidence";
    private const string LosingEvidence = "losing_evidence";
    private static readonly TimeSpan EvidenceWindow = TimeSpan.FromDays(7);

    private EmulatorResponse RetrieveDispute(string id) =>
        _disputes.TryGetValue(id, out var dispute) ? EmulatorResponse.Ok(dispute.ToJson()) : EmulatorResponse.NotFound("dispute", id, "dispute");

    private EmulatorResponse ListDisputes(string path, IQueryCollection query)
    {
        var intent = query["payment_intent"].ToString();
        var charge = query["charge"].ToString();
        var found = _disputes.Values
            .Where(d => (intent.Length == 0 || d.PaymentIntent == intent) && (charge.Length == 0 || d.Charge == charge))
            .OrderByDescending(d => d.Created)
            .Select(d => (JsonNode)d.ToJson());
        return EmulatorResponse.Ok(List(found, "list", path));
    }

    private EmulatorResponse UpdateDispute(string id, Dictionary<string, string> form)
    {
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form.Where(p => p.Key.StartsWith("evidence[", StringComparison.Ordinal)))
        {
            var field = key.EndsWith(']') ? key["evidence[".Length..^1] : string.Empty;
            if (!EmulatedDispute.EvidenceFields.Contains(field))
            {
                return EmulatorResponse.InvalidRequest($"Received unknown parameter: {key}", key, "parameter_unknown");
            }

            evidence[field] = value;
        }

        lock (_gate)
        {
            if (!_disputes.TryGetValue(id, out var dispute))
            {
                return EmulatorResponse.NotFound("dispute", id, "dispute");
            }

            if (evidence.Count > 0 && dispute.Status != "needs_response")
            {
                return EmulatorResponse.Error(400, "invalid_request_error", $"This dispute has a status of {dispute.Status}; evidence can be submitted only while it is needs_response.", param: "evidence");
            }

            dispute.Metadata = MergedMetadata(dispute.Metadata, form);
            foreach (var (field, value) in evidence)
            {
                dispute.Evidence[field] = value;
            }

            var submitted = evidence.Count > 0 && form.GetValueOrDefault("submit") != "false";
            if (!submitted)
            {
                // Staged evidence or new metadata: the dispute still waits for a response.
                _ = AnnounceInOrder([("charge.dispute.updated", dispute.ToJson())]);
                return EmulatorResponse.Ok(dispute.ToJson());
            }

            dispute.SubmissionCount++;
            var events = dispute.Evidence.GetValueOrDefault("uncategorized_text") switch
            {
                WinningEvidence => Close(dispute, won: true),
                LosingEvidence => Close(dispute, won: false),
                _ => UnderReview(dispute),
            };
            _ = AnnounceInOrder(events);
            return EmulatorResponse.Ok(dispute.ToJson());
        }
    }

    private EmulatorResponse CloseDispute(string id)
    {
        lock (_gate)
        {
            if (!_disputes.TryGetValue(id, out var dispute))
            {
                return EmulatorResponse.NotFound("dispute", id, "dispute");
            }

            if (dispute.Status != "needs_response")
            {
                return EmulatorResponse.Error(400, "invalid_request_error", $"This dispute has a status of {dispute.Status}; only a dispute that needs a response can be closed.");
            }

            _ = AnnounceInOrder(Close(dispute, won: false));
            return EmulatorResponse.Ok(dispute.ToJson());
        }
    }

    private static (string, JsonObject)[] UnderReview(EmulatedDispute dispute)
    {
        dispute.Status = "under_review";
        return [("charge.dispute.updated", dispute.ToJson())];
    }

    /// <summary>Won: the funds come back (<c>funds_reinstated</c> after <c>closed</c>); lost: they stay withdrawn.</summary>
    private (string, JsonObject)[] Close(EmulatedDispute dispute, bool won)
    {
        dispute.Status = won ? "won" : "lost";
        if (!won)
        {
            return [("charge.dispute.closed", dispute.ToJson())];
        }

        dispute.BalanceTransactions.Add((NewId("txn"), dispute.Amount, _clock.GetUtcNow().ToUnixTimeSeconds(), $"Chargeback reversal for {dispute.Charge}"));
        var closed = dispute.ToJson();
        return [("charge.dispute.closed", closed), ("charge.dispute.funds_reinstated", closed.DeepClone().AsObject())];
    }

    /// <summary>A captured charge of the dispute card is disputed once <paramref name="after"/> (its own webhook) is done and the delay has passed.</summary>
    private void DisputeIfDisputing(EmulatedCharge charge, Task after)
    {
        if (!charge.Card.Disputes || !charge.Captured)
        {
            return;
        }

        var token = _stopping.Token;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await after;
                    await Task.Delay(_options.DisputeDelay, _clock, token);
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
