using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Paydesk.Sandbox;

/// <summary>
/// Capturing a <c>requires_capture</c> PaymentIntent (all, or part and the rest released), and the
/// lapse of an authorization never captured, as Stripe cancels it after its lifetime.
/// </summary>
internal sealed partial class EmulatorApi
{
    private EmulatorResponse CapturePaymentIntent(string id, Dictionary<string, string> form)
    {
        long? requested = null;
        if (form.ContainsKey("amount_to_capture"))
        {
            if (!TryAmount(form, "amount_to_capture", out var amount) || amount <= 0)
            {
                return EmulatorResponse.InvalidRequest("Invalid amount_to_capture: a positive integer in the currency's smallest unit is required.", "amount_to_capture");
            }

            requested = amount;
        }

        lock (_gate)
        {
            if (!_paymentIntents.TryGetValue(id, out var pi))
            {
                return EmulatorResponse.NotFound("payment_intent", id, "intent");
            }

            if (pi.Status != "requires_capture")
            {
                var state = pi.ToJson();
                return EmulatorResponse.Error(
                    400,
                    "invalid_request_error",
                    $"This PaymentIntent could not be captured because it has a status of {pi.Status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.",
                    "payment_intent_unexpected_state",
                    extend: error => error["payment_intent"] = state);
            }

            var captured = requested ?? pi.AmountCapturable;
            if (captured > pi.AmountCapturable)
            {
                return EmulatorResponse.InvalidRequest(
                    $"The amount_to_capture ({captured}) is greater than the amount_capturable ({pi.AmountCapturable}) of this PaymentIntent.",
                    "amount_to_capture",
                    "amount_too_large");
            }

            pi.Status = "succeeded";
            pi.AmountReceived = captured;
            pi.AmountCapturable = 0;
            var charge = LatestChargeOf(pi);
            if (charge is not null)
            {
                charge.Captured = true;
                charge.AmountCaptured = captured;
            }

            var sent = AnnounceInOrder([("payment_intent.succeeded", pi.ToJson())]);
            if (charge is not null)
            {
                DisputeIfDisputing(charge, sent);
            }

            return EmulatorResponse.Ok(PaymentIntentJson(pi, ExpandsLatestCharge(form)));
        }
    }

    /// <summary>The authorization lapses after its lifetime unless captured or canceled meanwhile.</summary>
    private void ScheduleAuthorizationExpiry(string paymentIntentId)
    {
        var token = _stopping.Token;

        // The timer starts now, not when the background task runs, so that a test moving a fake clock cannot miss it.
        var lifetime = Task.Delay(_options.AuthorizationLifetime, _clock, token);
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await lifetime;
                    await LapseAuthorizationAsync(paymentIntentId, token);
                }
                catch (OperationCanceledException)
                {
                }
#pragma warning disable CA1031 // A background expiry must never crash the process; it is logged.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogExpiryFailed(_logger, ex, paymentIntentId);
                }
            },
            CancellationToken.None);
    }

    /// <summary>Cancels a <c>requires_capture</c> intent as its lapse does, and sends the webhook; false when it was not waiting for capture.</summary>
    public async Task<bool> LapseAuthorizationAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        JsonObject snapshot;
        lock (_gate)
        {
            if (!_paymentIntents.TryGetValue(paymentIntentId, out var pi) || pi.Status != "requires_capture")
            {
                return false;
            }

            ReleaseAuthorization(pi);
            pi.Status = "canceled";
            pi.CanceledAt = _clock.GetUtcNow().ToUnixTimeSeconds();
            pi.CancellationReason = "automatic";
            snapshot = pi.ToJson();
        }

        await SendSafelyAsync("payment_intent.canceled", snapshot, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The sandbox could not expire the authorization of PaymentIntent {PaymentIntentId}")]
    private static partial void LogExpiryFailed(ILogger logger, Exception exception, string paymentIntentId);
}
