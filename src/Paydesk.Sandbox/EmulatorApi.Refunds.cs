using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Paydesk.Sandbox;

/// <summary>Refunds: create against a succeeded PaymentIntent, retrieve, list by PaymentIntent.</summary>
internal sealed partial class EmulatorApi
{
    private EmulatorResponse ListRefunds(string path, IQueryCollection query)
    {
        var intent = query["payment_intent"].ToString();
        var found = _refunds.Values.Where(r => intent.Length == 0 || r.PaymentIntent == intent).Select(r => (JsonNode)r.ToJson());
        return EmulatorResponse.Ok(List(found, "list", path));
    }

    private EmulatorResponse RetrieveRefund(string id) =>
        _refunds.TryGetValue(id, out var refund) ? EmulatorResponse.Ok(refund.ToJson()) : EmulatorResponse.NotFound("refund", id, "id");

    private EmulatorResponse CreateRefund(Dictionary<string, string> form)
    {
        var intentId = form.GetValueOrDefault("payment_intent") ?? string.Empty;
        lock (_gate)
        {
            if (!_paymentIntents.TryGetValue(intentId, out var pi))
            {
                return EmulatorResponse.InvalidRequest($"No such payment_intent: '{intentId}'", "payment_intent", "resource_missing");
            }

            if (pi.Status != "succeeded")
            {
                return EmulatorResponse.InvalidRequest($"This PaymentIntent ({intentId}) does not have a successful charge to refund.", "payment_intent", "charge_not_refundable");
            }

            if (LatestChargeOf(pi) is { Disputed: true } disputed)
            {
                return EmulatorResponse.InvalidRequest($"Charge {disputed.Id} has been charged back; cannot issue a refund.", code: "charge_disputed");
            }

            // Only captured money can be refunded: a partial capture already released the rest.
            var remaining = pi.AmountReceived - _refunds.Values.Where(r => r.PaymentIntent == intentId && r.Status != "failed").Sum(r => r.Amount);
            long amount = remaining;
            if (form.ContainsKey("amount") && (!TryAmount(form, "amount", out amount) || amount <= 0))
            {
                return EmulatorResponse.InvalidRequest("Invalid amount: a positive integer is required.", "amount");
            }

            if (amount > remaining)
            {
                return EmulatorResponse.InvalidRequest($"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining})", "amount", "amount_too_large");
            }

            var reason = form.GetValueOrDefault("reason");
            if (reason is not null and not ("duplicate" or "fraudulent" or "requested_by_customer"))
            {
                return EmulatorResponse.InvalidRequest("Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "reason");
            }

            var refund = new EmulatedRefund
            {
                Id = NewId("re"),
                PaymentIntent = intentId,
                Charge = pi.LatestCharge!,
                Amount = amount,
                Currency = pi.Currency,
                Reason = reason,
                Metadata = Metadata(form),
                Created = _clock.GetUtcNow().ToUnixTimeSeconds(),
            };
            _refunds[refund.Id] = refund;
            if (LatestChargeOf(pi) is { } charge)
            {
                charge.AmountRefunded += amount;
            }

            return EmulatorResponse.Ok(refund.ToJson());
        }
    }
}
