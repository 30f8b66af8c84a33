using System.Net;
using Stripe;
using Paydesk.TestSupport;

namespace Paydesk.Sandbox.Tests;

/// <summary>SetupIntents through Stripe.net: saving a card, a declined card, and 3-D Secure at setup.</summary>
public sealed class StripeNetSetupIntentTests : IAsyncLifetime
{
    private StripeNetSession _session = null!;

    public async Task InitializeAsync() => _session = await StripeNetSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Created_setup_intent_waits_for_a_method_with_off_session_usage_and_a_client_secret()
    {
        var customer = await _session.CreateCustomerAsync();

        var si = await CreateAsync(customer.Id);

        Assert.Equal(("requires_payment_method", "off_session", customer.Id), (si.Status, si.Usage, si.CustomerId));
        Assert.StartsWith($"{si.Id}_secret_", si.ClientSecret, StringComparison.Ordinal);
        Assert.Equal("user-1", si.Metadata["paydesk_user_id"]);
        Assert.Equal(si.Id, (await _session.Client.V1.SetupIntents.GetAsync(si.Id)).Id);
    }

    [Fact]
    public async Task Confirm_with_a_test_token_saves_a_new_method_to_the_customer_and_sends_setup_intent_succeeded()
    {
        var customer = await _session.CreateCustomerAsync();
        var si = await CreateAsync(customer.Id);

        var confirmed = await _session.Client.V1.SetupIntents.ConfirmAsync(si.Id, new SetupIntentConfirmOptions { PaymentMethod = SandboxPaymentMethods.Visa });

        Assert.Equal("succeeded", confirmed.Status);
        Assert.StartsWith("pm_", confirmed.PaymentMethodId, StringComparison.Ordinal);
        Assert.NotEqual(SandboxPaymentMethods.Visa, confirmed.PaymentMethodId);
        var saved = Assert.Single((await _session.Client.V1.Customers.PaymentMethods.ListAsync(customer.Id)).Data);
        Assert.Equal((confirmed.PaymentMethodId, "4242"), (saved.Id, saved.Card.Last4));
        await Eventually.True(() => _session.EventsFor(si.Id).Any(e => e.Type == "setup_intent.succeeded"), "setup_intent.succeeded is sent");
    }

    [Fact]
    public async Task Create_with_a_method_and_confirm_succeeds_at_once()
    {
        var customer = await _session.CreateCustomerAsync();

        var si = await CreateAsync(customer.Id, new SetupIntentCreateOptions { PaymentMethod = SandboxPaymentMethods.Mastercard, Confirm = true });

        Assert.Equal("succeeded", si.Status);
        Assert.Equal(customer.Id, (await _session.Client.V1.PaymentMethods.GetAsync(si.PaymentMethodId)).CustomerId);
    }

    [Fact]
    public async Task Declined_card_answers_402_with_the_setup_intent_and_sends_setup_intent_setup_failed()
    {
        var customer = await _session.CreateCustomerAsync();
        var si = await CreateAsync(customer.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.SetupIntents.ConfirmAsync(si.Id, new SetupIntentConfirmOptions { PaymentMethod = SandboxPaymentMethods.ChargeDeclined }));

        Assert.Equal((HttpStatusCode.PaymentRequired, "card_error", "card_declined"), (error.HttpStatusCode, error.StripeError.Type, error.StripeError.Code));
        Assert.Equal(("requires_payment_method", "card_declined"), (error.StripeError.SetupIntent.Status, error.StripeError.SetupIntent.LastSetupError.Code));
        Assert.Empty((await _session.Client.V1.Customers.PaymentMethods.ListAsync(customer.Id)).Data);
        await Eventually.True(() => _session.EventsFor(si.Id).Any(e => e.Type == "setup_intent.setup_failed"), "setup_intent.setup_failed is sent");
    }

    [Fact]
    public async Task Authentication_card_requires_action_and_completing_it_on_the_page_saves_the_method()
    {
        var customer = await _session.CreateCustomerAsync();
        var si = await CreateAsync(customer.Id);

        var pending = await _session.Client.V1.SetupIntents.ConfirmAsync(si.Id, new SetupIntentConfirmOptions { PaymentMethod = SandboxPaymentMethods.AuthenticationRequired, ReturnUrl = "https://shop.example/saved?step=2" });
        Assert.Equal(("requires_action", "redirect_to_url"), (pending.Status, pending.NextAction.Type));
        Assert.Empty((await _session.Client.V1.Customers.PaymentMethods.ListAsync(customer.Id)).Data);

        using var redirect = await AuthenticationPageClient.PressAsync(new Uri(pending.NextAction.RedirectToUrl.Url), "complete");

        Assert.Equal(HttpStatusCode.SeeOther, redirect.StatusCode);
        Assert.Equal($"https://shop.example/saved?step=2&setup_intent={si.Id}&setup_intent_client_secret={si.ClientSecret}&redirect_status=succeeded", redirect.Headers.Location!.AbsoluteUri);
        var done = await _session.Client.V1.SetupIntents.GetAsync(si.Id);
        Assert.Equal(("succeeded", customer.Id), (done.Status, (await _session.Client.V1.PaymentMethods.GetAsync(done.PaymentMethodId)).CustomerId));
        Assert.Contains(_session.EventsFor(si.Id), e => e.Type == "setup_intent.succeeded");
    }

    [Fact]
    public async Task Failing_authentication_on_the_page_leaves_the_setup_waiting_for_a_method()
    {
        var customer = await _session.CreateCustomerAsync();
        var si = await CreateAsync(customer.Id, new SetupIntentCreateOptions { PaymentMethod = SandboxPaymentMethods.ThreeDSecure2Required, Confirm = true, ReturnUrl = "https://shop.example/saved" });

        using var redirect = await AuthenticationPageClient.PressAsync(new Uri(si.NextAction.RedirectToUrl.Url), "fail");

        Assert.EndsWith("&redirect_status=failed", redirect.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        var failed = await _session.Client.V1.SetupIntents.GetAsync(si.Id);
        Assert.Equal(("requires_payment_method", "setup_intent_authentication_failure"), (failed.Status, failed.LastSetupError.Code));
        Assert.Empty((await _session.Client.V1.Customers.PaymentMethods.ListAsync(customer.Id)).Data);
        Assert.Contains(_session.EventsFor(si.Id), e => e.Type == "setup_intent.setup_failed");
    }

    [Fact]
    public async Task Unknown_setup_intent_is_404_and_a_succeeded_one_cannot_be_canceled()
    {
        var si = await CreateAsync((await _session.CreateCustomerAsync()).Id, new SetupIntentCreateOptions { PaymentMethod = SandboxPaymentMethods.Visa, Confirm = true });

        var unknown = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.SetupIntents.GetAsync("seti_unknown"));
        var cancel = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.SetupIntents.CancelAsync(si.Id));

        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (unknown.HttpStatusCode, unknown.StripeError.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "setup_intent_unexpected_state"), (cancel.HttpStatusCode, cancel.StripeError.Code));
    }

    private async Task<SetupIntent> CreateAsync(string customerId, SetupIntentCreateOptions? options = null)
    {
        options ??= new SetupIntentCreateOptions();
        options.Customer = customerId;
        options.Usage = "off_session";
        options.AllowedPaymentMethodTypes = ["card"];
        options.Metadata = new() { ["paydesk_user_id"] = "user-1" };
        return await _session.Client.V1.SetupIntents.CreateAsync(options);
    }
}
