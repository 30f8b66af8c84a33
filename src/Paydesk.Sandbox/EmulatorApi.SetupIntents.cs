using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>
/// SetupIntents: create, retrieve, confirm and cancel. Confirming with a test token makes a new method,
/// attached to the intent's customer once the setup succeeds; a card that needs 3-D Secure asks for
/// authentication; a declined card answers 402.
/// </summary>
internal sealed partial class EmulatorApi
{
    private EmulatorResponse RetrieveSetupIntent(string id) =>
        _setupIntents.TryGetValue(id, out var intent) ? EmulatorResponse.Ok(intent.ToJson()) : EmulatorResponse.NotFound("setup_intent", id, "intent");

    private EmulatorResponse CreateSetupIntent(Dictionary<string, string> form)
    {
        var usage = form.GetValueOrDefault("usage") ?? "off_session";
        if (usage is not ("off_session" or "on_session"))
        {
            return EmulatorResponse.InvalidRequest("Invalid usage: must be one of off_session or on_session", "usage");
        }

        // Newer API versions name the list allowed_payment_method_types.
        if (form.Where(p => p.Key.StartsWith("payment_method_types[", StringComparison.Ordinal) || p.Key.StartsWith("allowed_payment_method_types[", StringComparison.Ordinal)).Any(p => p.Value != "card"))
        {
            return EmulatorResponse.InvalidRequest("The sandbox supports only the payment method type card.", "payment_method_types");
        }

        if (ReturnUrl(form, out var returnUrl) is { } invalid)
        {
            return invalid;
        }

        lock (_gate)
        {
            var customer = form.GetValueOrDefault("customer");
            if (customer is not null && !_customers.ContainsKey(customer))
            {
                return EmulatorResponse.InvalidRequest($"No such customer: '{customer}'", "customer", "resource_missing");
            }

            EmulatedPaymentMethod? method = null;
            if (form.TryGetValue("payment_method", out var methodId))
            {
                if (CheckUsable(methodId, customer, out var usable) is { } unusable)
                {
                    return unusable;
                }

                method = Saveable(usable);
            }

            var id = NewId("seti");
            var si = new EmulatedSetupIntent
            {
                Id = id,
                ClientSecret = ClientSecretFor(id),
                Status = method is null ? "requires_payment_method" : "requires_confirmation",
                Customer = customer,
                PaymentMethod = method?.Id,
                Usage = usage,
                Description = form.GetValueOrDefault("description"),
                Metadata = Metadata(form),
                Created = _clock.GetUtcNow().ToUnixTimeSeconds(),
            };
            _setupIntents[si.Id] = si;
            return method is not null && form.GetValueOrDefault("confirm") == "true"
                ? ConfirmSetup(si, method, returnUrl)
                : EmulatorResponse.Ok(si.ToJson());
        }
    }

    private EmulatorResponse ConfirmSetupIntent(string id, Dictionary<string, string> form)
    {
        if (ReturnUrl(form, out var returnUrl) is { } invalid)
        {
            return invalid;
        }

        lock (_gate)
        {
            if (!_setupIntents.TryGetValue(id, out var si))
            {
                return EmulatorResponse.NotFound("setup_intent", id, "intent");
            }

            if (si.Status is not ("requires_payment_method" or "requires_confirmation"))
            {
                var snapshot = si.ToJson();
                return EmulatorResponse.Error(400, "invalid_request_error", $"You cannot confirm this SetupIntent because it has a status of {si.Status}. Only a SetupIntent with one of the following statuses may be confirmed: requires_payment_method, requires_confirmation.", "setup_intent_unexpected_state", extend: error => error["setup_intent"] = snapshot);
            }

            var methodId = form.GetValueOrDefault("payment_method") ?? si.PaymentMethod;
            if (methodId is null)
            {
                return EmulatorResponse.InvalidRequest("You cannot confirm this SetupIntent because it's missing a payment method. Pass payment_method.", "payment_method", "parameter_missing");
            }

            return CheckUsable(methodId, si.Customer, out var method) is { } unusable
                ? unusable
                : ConfirmSetup(si, Saveable(method), returnUrl);
        }
    }

    private EmulatorResponse CancelSetupIntent(string id, Dictionary<string, string> form)
    {
        var reason = form.GetValueOrDefault("cancellation_reason");
        if (reason is not (null or "abandoned" or "requested_by_customer" or "duplicate"))
        {
            return EmulatorResponse.InvalidRequest("Invalid cancellation_reason: must be one of abandoned, requested_by_customer, or duplicate", "cancellation_reason");
        }

        lock (_gate)
        {
            if (!_setupIntents.TryGetValue(id, out var si))
            {
                return EmulatorResponse.NotFound("setup_intent", id, "intent");
            }

            if (si.Status is "succeeded" or "canceled")
            {
                var snapshot = si.ToJson();
                return EmulatorResponse.Error(400, "invalid_request_error", $"You cannot cancel this SetupIntent because it has a status of {si.Status}.", "setup_intent_unexpected_state", extend: error => error["setup_intent"] = snapshot);
            }

            si.Status = "canceled";
            si.CancellationReason = reason;
            si.NextAction = null;
            var canceled = si.ToJson();
            Announce("setup_intent.canceled", canceled.DeepClone().AsObject());
            return EmulatorResponse.Ok(canceled);
        }
    }

    /// <summary>Sets the method up, or asks for authentication; the caller holds the lock.</summary>
    private EmulatorResponse ConfirmSetup(EmulatedSetupIntent si, EmulatedPaymentMethod method, string? returnUrl)
    {
        si.PaymentMethod = method.Id;
        si.LastSetupError = null;
        var behaviour = method.Behaviour;
        if (behaviour.RequiresAuthentication)
        {
            // Setting a card up is always done with the customer present: it asks, whatever the usage.
            RequireAuthentication(si, returnUrl);
            return EmulatorResponse.Ok(si.ToJson());
        }

        if (behaviour.ErrorCode is null)
        {
            var succeeded = SucceedSetup(si);
            Announce("setup_intent.succeeded", succeeded.DeepClone().AsObject());
            return EmulatorResponse.Ok(succeeded);
        }

        si.Status = "requires_payment_method";
        si.PaymentMethod = null;
        si.LastSetupError = (behaviour.ErrorCode, behaviour.DeclineCode, behaviour.Message!);
        var snapshot = si.ToJson();
        Announce("setup_intent.setup_failed", snapshot.DeepClone().AsObject());
        return EmulatorResponse.Error(402, "card_error", behaviour.Message!, behaviour.ErrorCode, extend: error =>
        {
            error["decline_code"] = behaviour.DeclineCode;
            error["setup_intent"] = snapshot;
        });
    }

    /// <summary>The setup succeeded: its method joins the customer.</summary>
    private JsonObject SucceedSetup(EmulatedSetupIntent si)
    {
        si.Status = "succeeded";
        si.NextAction = null;
        if (si.Customer is not null && si.PaymentMethod is not null && _paymentMethods.TryGetValue(si.PaymentMethod, out var pm))
        {
            pm.Customer = si.Customer;
        }

        return si.ToJson();
    }

    /// <summary>A test token becomes a new, not yet attached method; a saved method stays itself.</summary>
    private EmulatedPaymentMethod Saveable(EmulatedPaymentMethod method) => IsToken(method) ? CopyOf(method.Token) : method;
}
