namespace Paydesk.Sandbox;

/// <summary>Customers: create and retrieve.</summary>
internal sealed partial class EmulatorApi
{
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
}
