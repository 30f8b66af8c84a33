using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>
/// PaymentMethods: retrieve (test tokens and their copies), attach, detach, list by customer, and
/// the ownership rules a PaymentIntent or SetupIntent applies to the method it is given.
/// </summary>
internal sealed partial class EmulatorApi
{
    private const string AlreadyAttached = "The payment method you provided has already been attached to a customer.";
    private const string NotReusable = "The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.";

    private EmulatorResponse RetrievePaymentMethod(string id) =>
        FindPaymentMethod(id) is { } pm ? EmulatorResponse.Ok(pm.ToJson()) : EmulatorResponse.NotFound("PaymentMethod", id, "payment_method");

    private EmulatorResponse ListPaymentMethods(string path, string customer, string type)
    {
        if (customer.Length == 0)
        {
            return EmulatorResponse.InvalidRequest("Missing required param: customer.", "customer", "parameter_missing");
        }

        if (!_customers.ContainsKey(customer))
        {
            return EmulatorResponse.NotFound("customer", customer, "customer");
        }

        var found = _paymentMethods.Values
            .Where(pm => pm.Customer == customer && (type.Length == 0 || type == "card"))
            .OrderByDescending(pm => pm.Created)
            .Select(pm => (JsonNode)pm.ToJson());
        return EmulatorResponse.Ok(List(found, "list", path));
    }

    private EmulatorResponse AttachPaymentMethod(string id, Dictionary<string, string> form)
    {
        var customer = form.GetValueOrDefault("customer") ?? string.Empty;
        lock (_gate)
        {
            if (!_customers.ContainsKey(customer))
            {
                return EmulatorResponse.InvalidRequest($"No such customer: '{customer}'", "customer", "resource_missing");
            }

            if (FindPaymentMethod(id) is not { } pm)
            {
                return EmulatorResponse.NotFound("PaymentMethod", id, "payment_method");
            }

            if (pm.Customer == customer)
            {
                return EmulatorResponse.Ok(pm.ToJson());
            }

            if (pm.Customer is not null)
            {
                return EmulatorResponse.Error(400, "invalid_request_error", AlreadyAttached);
            }

            if (pm.Detached)
            {
                return EmulatorResponse.Error(400, "invalid_request_error", NotReusable, param: "payment_method");
            }

            // A test token is a recipe, not a method: attaching it makes a new method, as in test mode.
            var attached = IsToken(pm) ? CopyOf(pm.Token) : pm;
            attached.Customer = customer;
            return EmulatorResponse.Ok(attached.ToJson());
        }
    }

    private EmulatorResponse DetachPaymentMethod(string id)
    {
        lock (_gate)
        {
            if (!_paymentMethods.TryGetValue(id, out var pm))
            {
                return EmulatorResponse.NotFound("PaymentMethod", id, "payment_method");
            }

            if (pm.Customer is null)
            {
                return EmulatorResponse.Error(400, "invalid_request_error", "The payment method you provided is not attached to a customer so detachment is impossible.");
            }

            if (_customers.TryGetValue(pm.Customer, out var owner) && owner.DefaultPaymentMethod == pm.Id)
            {
                owner.DefaultPaymentMethod = null;
            }

            pm.Customer = null;
            pm.Detached = true;
            return EmulatorResponse.Ok(pm.ToJson());
        }
    }

    /// <summary>
    /// The method an intent for <paramref name="customer"/> may use, or the error Stripe gives: a
    /// test token always; a saved method only with its own customer; a detached one never.
    /// </summary>
    private EmulatorResponse? CheckUsable(string? id, string? customer, out EmulatedPaymentMethod method)
    {
        method = null!;
        if (id is null || FindPaymentMethod(id) is not { } pm)
        {
            return EmulatorResponse.InvalidRequest($"No such PaymentMethod: '{id}'", "payment_method", "resource_missing");
        }

        if (pm.Detached)
        {
            return EmulatorResponse.Error(400, "invalid_request_error", NotReusable, param: "payment_method");
        }

        if (pm.Customer is not null && customer is null)
        {
            return EmulatorResponse.Error(400, "invalid_request_error", "The provided PaymentMethod is attached to a Customer. To use it, pass that Customer's id in `customer`.", param: "payment_method");
        }

        if (pm.Customer is not null && pm.Customer != customer)
        {
            return EmulatorResponse.Error(400, "invalid_request_error", $"The provided PaymentMethod belongs to another Customer than '{customer}'. It cannot be used with this intent.", param: "payment_method");
        }

        method = pm;
        return null;
    }

    private EmulatedPaymentMethod? FindPaymentMethod(string id) =>
        _paymentMethods.TryGetValue(id, out var pm) ? pm
        : SandboxPaymentMethods.Behaviours.ContainsKey(id) ? EmulatedPaymentMethod.ForToken(id, _clock.GetUtcNow().ToUnixTimeSeconds())
        : null;

    private static bool IsToken(EmulatedPaymentMethod pm) => pm.Id == pm.Token;

    private EmulatedPaymentMethod CopyOf(string token)
    {
        var copy = new EmulatedPaymentMethod
        {
            Id = NewId("pm"),
            Token = token,
            Metadata = new Dictionary<string, string>(),
            Created = _clock.GetUtcNow().ToUnixTimeSeconds(),
        };
        _paymentMethods[copy.Id] = copy;
        return copy;
    }
}
