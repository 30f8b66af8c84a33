using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

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
        var (response, events) = ApplyDisputeUpdate(id, form);
        _ = AnnounceInOrder(events);
        return response;
    }

    private EmulatorResponse CloseDispute(string id)
    {
        var (response, events) = ApplyDisputeClose(id);
        _ = AnnounceInOrder(events);
        return response;
    }

    private (EmulatorResponse Response, (string, JsonObject)[] Events) ApplyDisputeUpdate(string id, Dictionary<string, string> form)
    {
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form.Where(p => p.Key.StartsWith("evidence[", StringComparison.Ordinal)))
        {
            var field = key.EndsWith(']') ? key["evidence[".Length..^1] : string.Empty;
            if (!EmulatedDispute.EvidenceFields.Contains(field))
            {
                return (EmulatorResponse.InvalidRequest($"Received unknown parameter: {key}", key, "parameter_unknown"), []);
            }

            evidence[field] = value;
        }

        lock (_gate)
        {
            if (!_disputes.TryGetValue(id, out var dispute))
            {
                return (EmulatorResponse.NotFound("dispute", id, "dispute"), []);
            }

            if (evidence.Count > 0 && dispute.Status != "needs_response")
            {
                return (EmulatorResponse.Error(400, "invalid_request_error", $"This dispute has a status of {dispute.Status}; evidence can be submitted only while it is needs_response.", param: "evidence"), []);
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
                return (EmulatorResponse.Ok(dispute.ToJson()), [("charge.dispute.updated", dispute.ToJson())]);
            }

            dispute.SubmissionCount++;
            var events = dispute.Evidence.GetValueOrDefault("uncategorized_text") switch
            {
                WinningEvidence => Close(dispute, won: true),
                LosingEvidence => Close(dispute, won: false),
                _ => UnderReview(dispute),
            };
            return (EmulatorResponse.Ok(dispute.ToJson()), events);
        }
    }

    private (EmulatorResponse Response, (string, JsonObject)[] Events) ApplyDisputeClose(string id)
    {
        lock (_gate)
        {
            if (!_disputes.TryGetValue(id, out var dispute))
            {
                return (EmulatorResponse.NotFound("dispute", id, "dispute"), []);
            }

            if (dispute.Status != "needs_response")
            {
                return (EmulatorResponse.Error(400, "invalid_request_error", $"This dispute has a status of {dispute.Status}; only a dispute that needs a response can be closed."), []);
            }

            var events = Close(dispute, won: false);
            return (EmulatorResponse.Ok(dispute.ToJson()), events);
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
}
