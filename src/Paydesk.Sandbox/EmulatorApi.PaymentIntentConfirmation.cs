namespace Paydesk.Sandbox;

/// <summary>
/// Confirming a PaymentIntent (at creation or later) and canceling it. A card that needs 3-D Secure
/// is declined off-session and asks for authentication on-session, as in Stripe's test mode.
/// </summary>
internal sealed partial class EmulatorApi
{
    private static readonly string[] CancelableStatuses = ["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"];
    private static readonly string[] CancellationReasons = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"];

    private EmulatorResponse ConfirmPaymentIntent(string id, Dictionary<string, string> form)
    {
        if (ReturnUrl(form, out var returnUrl) is { } invalid)
        {
            return invalid;
        }

        lock (_gate)
        {
            if (!_paymentIntents.TryGetValue(id, out var pi))
            {
                return EmulatorResponse.NotFound("payment_intent", id, "intent");
            }

            if (pi.Status is not ("requires_confirmation" or "requires_payment_method"))
            {
                return UnexpectedState(pi, "confirm", "requires_confirmation, requires_payment_method");
            }

            if (CheckUsable(form.GetValueOrDefault("payment_method") ?? pi.PaymentMethod, pi.Customer, out var method) is { } unusable)
            {
                return unusable;
            }

            pi.LastPaymentError = null;
            return Charge(pi, method, OffSession(form), returnUrl, ExpandsLatestCharge(form));
        }
    }

    private EmulatorResponse CancelPaymentIntent(string id, Dictionary<string, string> form)
    {
        var reason = form.GetValueOrDefault("cancellation_reason");
        if (reason is not null && !CancellationReasons.Contains(reason))
        {
            return EmulatorResponse.InvalidRequest($"Invalid cancellation_reason: must be one of {string.Join(", ", CancellationReasons)}", "cancellation_reason");
        }

        lock (_gate)
        {
            if (!_paymentIntents.TryGetValue(id, out var pi))
            {
                return EmulatorResponse.NotFound("payment_intent", id, "intent");
            }

            if (!CancelableStatuses.Contains(pi.Status))
            {
                return UnexpectedState(pi, "cancel", string.Join(", ", CancelableStatuses));
            }

            ReleaseAuthorization(pi);
            pi.Status = "canceled";
            pi.CanceledAt = _clock.GetUtcNow().ToUnixTimeSeconds();
            pi.CancellationReason = reason;
            pi.NextAction = null;
            Announce("payment_intent.canceled", pi.ToJson());
            return EmulatorResponse.Ok(PaymentIntentJson(pi, ExpandsLatestCharge(form)));
        }
    }

    /// <summary>Charges the method, or asks for authentication; the caller holds the lock.</summary>
    private EmulatorResponse Charge(EmulatedPaymentIntent pi, EmulatedPaymentMethod method, bool offSession, string? returnUrl, bool expandCharge)
    {
        pi.PaymentMethod = method.Id;
        var behaviour = method.Behaviour;
        if (behaviour.RequiresAuthentication && !offSession)
        {
            RequireAuthentication(pi, returnUrl);
            return EmulatorResponse.Ok(PaymentIntentJson(pi, expandCharge));
        }

        if (behaviour.Succeeds)
        {
            var charge = NewCharge(pi, method, "succeeded");
            var succeeded = ChargeSucceeded(pi, charge);

            // A capture at once is announced by this answer alone; an authorization also sends its event, as Stripe does.
            var sent = pi.CapturesLater ? AnnounceInOrder([succeeded]) : Task.CompletedTask;
            DisputeIfDisputing(charge, sent);
            return EmulatorResponse.Ok(PaymentIntentJson(pi, expandCharge));
        }

        if (behaviour.Processing)
        {
            NewCharge(pi, method, "pending");
            pi.Status = "processing";
            ScheduleSettlement(pi.Id);
            return EmulatorResponse.Ok(PaymentIntentJson(pi, expandCharge));
        }

        // A declined confirmation leaves the intent waiting for another method, and answers 402.
        NewCharge(pi, method, "failed");
        pi.Status = "requires_payment_method";
        pi.LastPaymentError = (behaviour.ErrorCode!, behaviour.DeclineCode, behaviour.Message!);
        var snapshot = pi.ToJson();
        return EmulatorResponse.Error(402, "card_error", behaviour.Message!, behaviour.ErrorCode, extend: error =>
        {
            error["decline_code"] = behaviour.DeclineCode;
            error["payment_intent"] = snapshot;
        });
    }

    private static EmulatorResponse UnexpectedState(EmulatedPaymentIntent pi, string action, string allowed)
    {
        var snapshot = pi.ToJson();
        return EmulatorResponse.Error(
            400,
            "invalid_request_error",
            $"You cannot {action} this PaymentIntent because it has a status of {pi.Status}. Only a PaymentIntent with one of the following statuses may be {(action == "cancel" ? "canceled" : "confirmed")}: {allowed}.",
            "payment_intent_unexpected_state",
            extend: error => error["payment_intent"] = snapshot);
    }

    // Stripe also accepts the older "one_off" and "recurring" for an off-session payment;
    // error_on_requires_action fails the payment, as off-session, rather than ask for authentication.
    private static bool OffSession(Dictionary<string, string> form) =>
        form.GetValueOrDefault("off_session") is "true" or "one_off" or "recurring" || form.GetValueOrDefault("error_on_requires_action") == "true";
}
