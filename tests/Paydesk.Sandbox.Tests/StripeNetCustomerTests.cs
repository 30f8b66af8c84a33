using System.Net;
using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>Customers and their payment methods, through Stripe.net against the emulator.</summary>
public sealed class StripeNetCustomerTests : IAsyncLifetime
{
    private StripeNetSession _session = null!;

    public async Task InitializeAsync() => _session = await StripeNetSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Twenty_concurrent_creates_with_one_idempotency_key_make_one_customer()
    {
        var userId = Guid.NewGuid().ToString();
        var options = new CustomerCreateOptions { Metadata = new() { ["paydesk_user_id"] = userId } };
        var key = $"customer-{userId}";

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return (Id: (await _session.Client.V1.Customers.CreateAsync(options, new RequestOptions { IdempotencyKey = key })).Id, Error: (StripeException?)null);
            }
            catch (StripeException ex)
            {
                return (Id: (string?)null, Error: ex);
            }
        }));

        Assert.Single(attempts.Where(a => a.Id is not null).Select(a => a.Id).Distinct());
        Assert.All(attempts.Where(a => a.Error is not null), a => Assert.Equal((HttpStatusCode.Conflict, "idempotency_error"), (a.Error!.HttpStatusCode, a.Error.StripeError.Type)));
        Assert.Equal(1, _session.Emulator.CustomersWithMetadata("paydesk_user_id", userId));
    }

    [Fact]
    public async Task Unknown_customer_is_404_resource_missing()
    {
        var retrieve = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Customers.GetAsync("cus_unknown"));
        var list = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Customers.PaymentMethods.ListAsync("cus_unknown"));

        Assert.Equal((HttpStatusCode.NotFound, "resource_missing", "id"), (retrieve.HttpStatusCode, retrieve.StripeError.Code, retrieve.StripeError.Param));
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing", "customer"), (list.HttpStatusCode, list.StripeError.Code, list.StripeError.Param));
    }

    [Theory]
    [InlineData(SandboxPaymentMethods.Visa, "visa", "4242")]
    [InlineData(SandboxPaymentMethods.Mastercard, "mastercard", "4444")]
    [InlineData(SandboxPaymentMethods.ChargeDeclined, "visa", "0002")]
    [InlineData(SandboxPaymentMethods.InsufficientFunds, "visa", "9995")]
    [InlineData(SandboxPaymentMethods.LostCard, "visa", "9987")]
    [InlineData(SandboxPaymentMethods.StolenCard, "visa", "9979")]
    [InlineData(SandboxPaymentMethods.ExpiredCard, "visa", "0069")]
    [InlineData(SandboxPaymentMethods.IncorrectCvc, "visa", "0127")]
    [InlineData(SandboxPaymentMethods.AuthenticationRequired, "visa", "3184")]
    [InlineData(SandboxPaymentMethods.ThreeDSecure2Required, "visa", "3220")]
    public async Task Test_token_is_retrieved_as_an_unattached_card(string token, string brand, string last4)
    {
        var pm = await _session.Client.V1.PaymentMethods.GetAsync(token);

        Assert.Equal(("card", brand, last4, (string?)null), (pm.Type, pm.Card.Brand, pm.Card.Last4, pm.CustomerId));
        Assert.True(pm.Card.ExpYear > DateTime.UtcNow.Year);
        Assert.InRange(pm.Card.ExpMonth, 1, 12);
        Assert.False(string.IsNullOrEmpty(pm.Card.Fingerprint));
    }

    [Fact]
    public async Task Attaching_a_test_token_makes_a_new_method_of_that_customer_listed_both_ways()
    {
        var customer = await _session.CreateCustomerAsync();

        var attached = await _session.SaveAsync(SandboxPaymentMethods.Mastercard, customer.Id);

        var token = await _session.Client.V1.PaymentMethods.GetAsync(SandboxPaymentMethods.Mastercard);
        var byCustomer = await _session.Client.V1.Customers.PaymentMethods.ListAsync(customer.Id);
        var byQuery = await _session.Client.V1.PaymentMethods.ListAsync(new PaymentMethodListOptions { Customer = customer.Id, Type = "card" });
        Assert.StartsWith("pm_", attached.Id, StringComparison.Ordinal);
        Assert.NotEqual(SandboxPaymentMethods.Mastercard, attached.Id);
        Assert.Equal((customer.Id, "mastercard", "4444", token.Card.Fingerprint), (attached.CustomerId, attached.Card.Brand, attached.Card.Last4, attached.Card.Fingerprint));
        Assert.Equal(attached.Id, Assert.Single(byCustomer.Data).Id);
        Assert.Equal(attached.Id, Assert.Single(byQuery.Data).Id);
        Assert.Equal(customer.Id, (await _session.Client.V1.PaymentMethods.GetAsync(attached.Id)).CustomerId);
        Assert.Null((await _session.Client.V1.PaymentMethods.GetAsync(SandboxPaymentMethods.Mastercard)).CustomerId);
    }

    [Fact]
    public async Task Attaching_a_method_of_one_customer_to_another_is_refused()
    {
        var owner = await _session.CreateCustomerAsync();
        var other = await _session.CreateCustomerAsync();
        var attached = await _session.SaveAsync(SandboxPaymentMethods.Visa, owner.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => _session.SaveAsync(attached.Id, other.Id));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error"), (error.HttpStatusCode, error.StripeError.Type));
        Assert.Equal("The payment method you provided has already been attached to a customer.", error.StripeError.Message);
        Assert.Empty((await _session.Client.V1.Customers.PaymentMethods.ListAsync(other.Id)).Data);
    }

    [Fact]
    public async Task Detached_method_has_no_customer_and_cannot_be_used_or_attached_again()
    {
        var customer = await _session.CreateCustomerAsync();
        var attached = await _session.SaveAsync(SandboxPaymentMethods.Visa, customer.Id);

        var detached = await _session.Client.V1.PaymentMethods.DetachAsync(attached.Id);

        Assert.Null(detached.CustomerId);
        Assert.Empty((await _session.Client.V1.Customers.PaymentMethods.ListAsync(customer.Id)).Data);
        var charge = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1000, Currency = "eur", Customer = customer.Id, PaymentMethod = attached.Id, Confirm = true, OffSession = true,
        }));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "payment_method"), (charge.HttpStatusCode, charge.StripeError.Type, charge.StripeError.Param));
        var reattach = await Assert.ThrowsAsync<StripeException>(() => _session.SaveAsync(attached.Id, customer.Id));
        Assert.Equal(HttpStatusCode.BadRequest, reattach.HttpStatusCode);
    }

    [Fact]
    public async Task Customer_default_payment_method_is_an_attached_method_of_its_own()
    {
        var customer = await _session.CreateCustomerAsync();
        var attached = await _session.SaveAsync(SandboxPaymentMethods.Visa, customer.Id);
        var foreign = await _session.SaveAsync(SandboxPaymentMethods.Visa, (await _session.CreateCustomerAsync()).Id);

        var updated = await _session.Client.V1.Customers.UpdateAsync(customer.Id, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = attached.Id },
        });
        var refused = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.Customers.UpdateAsync(customer.Id, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = foreign.Id },
        }));

        Assert.Equal(attached.Id, updated.InvoiceSettings.DefaultPaymentMethodId);
        Assert.Equal((HttpStatusCode.BadRequest, "invoice_settings[default_payment_method]"), (refused.HttpStatusCode, refused.StripeError.Param));
        await _session.Client.V1.PaymentMethods.DetachAsync(attached.Id);
        Assert.Null((await _session.Client.V1.Customers.GetAsync(customer.Id)).InvoiceSettings.DefaultPaymentMethodId);
    }
}
