namespace Paydesk.Sandbox;

/// <summary>Customers: create, retrieve, and update (email, name, metadata, default payment method).</summary>
internal sealed partial class EmulatorApi
{
    private const string DefaultMethodParam = "invoice_settings[default_payment_method]";

    private EmulatorResponse RetrieveCustomer(string id) =>
        _customers.TryGetValue(id, out var customer) ? EmulatorResponse.Ok(customer.ToJson()) : EmulatorResponse.NotFound("customer", id, "id");

    private EmulatorResponse CreateCustomer(Dictionary<string, string> form)
    {
        lock (_gate)
        {
            var customer = new EmulatedCustomer
            {
                Id = NewId("cus"),
                Email = form.GetValueOrDefault("email"),
                Name = form.GetValueOrDefault("name"),
                Metadata = Metadata(form),
                Created = _clock.GetUtcNow().ToUnixTimeSeconds(),
            };
            _customers[customer.Id] = customer;
            return EmulatorResponse.Ok(customer.ToJson());
        }
    }

    private EmulatorResponse UpdateCustomer(string id, Dictionary<string, string> form)
    {
        lock (_gate)
        {
            if (!_customers.TryGetValue(id, out var customer))
            {
                return EmulatorResponse.NotFound("customer", id, "id");
            }

            if (form.TryGetValue(DefaultMethodParam, out var method) && method.Length > 0
                && (!_paymentMethods.TryGetValue(method, out var pm) || pm.Customer != id))
            {
                return EmulatorResponse.Error(400, "invalid_request_error", $"The customer does not have a payment method with the ID {method}. The payment method must be attached to the customer.", "resource_missing", DefaultMethodParam);
            }

            customer.Email = form.GetValueOrDefault("email", customer.Email!);
            customer.Name = form.GetValueOrDefault("name", customer.Name!);
            if (method is not null)
            {
                customer.DefaultPaymentMethod = method.Length > 0 ? method : null;
            }

            customer.Metadata = MergedMetadata(customer.Metadata, form);
            return EmulatorResponse.Ok(customer.ToJson());
        }
    }
}
