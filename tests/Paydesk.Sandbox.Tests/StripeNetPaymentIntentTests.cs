using System.Net;
using Stripe;
using Paydesk.TestSupport;

namespace Paydesk.Sandbox.Tests;

/// <summary>PaymentIntents with customers and saved methods, cancel and confirm, through Stripe.net.</summary>
public sealed class StripeNetPaymentIntentTests : IAsyncLifetime
{
    private StripeNetSession _session = null!;

    public async Task InitializeAsync() => _session = await StripeNetSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Saved_method_charges_its_customer_twice_and_every_intent_has_a_client_secret()
    {
        var customer = await _session.CreateCustomerAsync();
        var saved = await _session.SaveAsync(SandboxPaymentMethods.Visa, customer.Id);

        var first = await ChargeAsync(saved.Id, customer.Id);
        var second = await ChargeAsync(saved.Id, customer.Id);

        Assert.All([first, second], pi => Assert.Equal(("succeeded", 1500L, customer.Id, saved.Id), (pi.Status, pi.AmountReceived, pi.CustomerId, pi.PaymentMethodId)));
        Assert.All([first, second], pi => Assert.StartsWith($"{pi.Id}_secret_", pi.ClientSecret, StringComparison.Ordinal));
        Assert.NotEqual(first.ClientSecret, second.ClientSecret);
    }

    [Fact]
    public async Task One_off_test_token_still_charges_with_or_without_a_customer()
    {
        var customer = await _session.CreateCustomerAsync();

        var withCustomer = await ChargeAsync(SandboxPaymentMethods.Visa, customer.Id);
        var without = await ChargeAsync(SandboxPaymentMethods.Visa, customer: null);

        Assert.Equal(("succeeded", "succeeded"), (withCustomer.Status, without.Status));
        Assert.Equal(SandboxPaymentMethods.Visa, without.PaymentMethodId);
    }

    [Fact]
    public async Task Method_of_another_customer_is_refused_on_payment_method()
    {
        var owner = await _session.CreateCustomerAsync();
        var other = await _session.CreateCustomerAsync();
        var saved = await _session.SaveAsync(SandboxPaymentMethods.Visa, owner.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => ChargeAsync(saved.Id, other.Id));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "payment_method"), (error.HttpStatusCode, error.StripeError.Type, error.StripeError.Param));
    }

    [Fact]
    public async Task Attached_method_without_its_customer_is_refused_on_payment_method()
    {
        var owner = await _session.CreateCustomerAsync();
        var saved = await _session.SaveAsync(SandboxPaymentMethods.Visa, owner.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => ChargeAsync(saved.Id, customer: null));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "payment_method"), (error.HttpStatusCode, error.StripeError.Type, error.StripeError.Param));
    }

    [Fact]
    public async Task Cancel_makes_the_intent_canceled_and_sends_payment_intent_canceled()
    {
        var created = await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 700, Currency = "eur", PaymentMethod = SandboxPaymentMethods.Visa });

        var canceled = await _session.Client.V1.PaymentIntents.CancelAsync(created.Id, new PaymentIntentCancelOptions { CancellationReason = "abandoned" });

        Assert.Equal(("requires_confirmation", "canceled", "abandoned"), (created.Status, canceled.Status, canceled.CancellationReason));
        Assert.NotNull(canceled.CanceledAt);
        await Eventually.True(() => _session.EventsFor(created.Id).Any(e => e.Type == "payment_intent.canceled"), "payment_intent.canceled is sent");
    }

    [Fact]
    public async Task Cancel_of_a_succeeded_intent_is_400_payment_intent_unexpected_state()
    {
        var succeeded = await ChargeAsync(SandboxPaymentMethods.Visa, customer: null);

        var error = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.PaymentIntents.CancelAsync(succeeded.Id));

        Assert.Equal((HttpStatusCode.BadRequest, "payment_intent_unexpected_state"), (error.HttpStatusCode, error.StripeError.Code));
        Assert.Equal("succeeded", error.StripeError.PaymentIntent.Status);
        Assert.Equal("succeeded", (await _session.Client.V1.PaymentIntents.GetAsync(succeeded.Id)).Status);
    }

    [Fact]
    public async Task Confirm_later_charges_the_intent_and_a_second_confirm_is_refused()
    {
        var created = await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 900, Currency = "usd", PaymentMethod = SandboxPaymentMethods.Mastercard });

        var confirmed = await _session.Client.V1.PaymentIntents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { OffSession = true });
        var again = await Assert.ThrowsAsync<StripeException>(() => _session.Client.V1.PaymentIntents.ConfirmAsync(created.Id));

        Assert.Equal(("succeeded", 900L), (confirmed.Status, confirmed.AmountReceived));
        Assert.Equal("payment_intent_unexpected_state", again.StripeError.Code);
    }

    [Theory]
    [InlineData(SandboxPaymentMethods.AuthenticationRequired)]
    [InlineData(SandboxPaymentMethods.ThreeDSecure2Required)]
    public async Task Authentication_card_off_session_is_declined_authentication_required(string token)
    {
        var customer = await _session.CreateCustomerAsync();
        var saved = await _session.SaveAsync(token, customer.Id);

        var oneOff = await Assert.ThrowsAsync<StripeException>(() => ChargeAsync(token, customer: null));
        var savedCopy = await Assert.ThrowsAsync<StripeException>(() => ChargeAsync(saved.Id, customer.Id));

        Assert.All([oneOff, savedCopy], error =>
        {
            Assert.Equal((HttpStatusCode.PaymentRequired, "card_error", "authentication_required", "authentication_required"), (error.HttpStatusCode, error.StripeError.Type, error.StripeError.Code, error.StripeError.DeclineCode));
            Assert.Equal("requires_payment_method", error.StripeError.PaymentIntent.Status);
        });
    }

    [Theory]
    [InlineData(SandboxPaymentMethods.AuthenticationRequired)]
    [InlineData(SandboxPaymentMethods.ThreeDSecure2Required)]
    public async Task Authentication_card_on_session_requires_action_with_a_redirect_to_the_sandbox_page(string token)
    {
        var customer = await _session.CreateCustomerAsync();
        var saved = await _session.SaveAsync(token, customer.Id);

        var pi = await ChargeAsync(saved.Id, customer.Id, offSession: false, returnUrl: "https://shop.example/return");

        Assert.Equal(("requires_action", "redirect_to_url"), (pi.Status, pi.NextAction.Type));
        Assert.StartsWith($"{pi.Id}_secret_", pi.ClientSecret, StringComparison.Ordinal);
        Assert.Equal("https://shop.example/return", pi.NextAction.RedirectToUrl.ReturnUrl);
        var url = new Uri(pi.NextAction.RedirectToUrl.Url);
        Assert.Equal(_session.Emulator.BaseAddress.Authority, url.Authority);
        Assert.Equal($"/sandbox/3ds/{pi.Id}", url.AbsolutePath);
        Assert.Matches("^\\?token=[0-9a-f]{32}$", url.Query);
    }

    [Fact]
    public async Task Authentication_card_on_session_without_return_url_asks_for_the_stripe_sdk()
    {
        var pi = await ChargeAsync(SandboxPaymentMethods.ThreeDSecure2Required, customer: null, offSession: false);

        Assert.Equal(("requires_action", "use_stripe_sdk"), (pi.Status, pi.NextAction.Type));
        Assert.StartsWith($"{_session.Emulator.BaseAddress.ToString().TrimEnd('/')}/sandbox/3ds/{pi.Id}?token=", pi.NextAction.UseStripeSdk["stripe_js"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_without_authentication_on_session_just_succeeds()
    {
        var pi = await ChargeAsync(SandboxPaymentMethods.Visa, customer: null, offSession: false, returnUrl: "https://shop.example/return");

        Assert.Equal("succeeded", pi.Status);
        Assert.Null(pi.NextAction);
    }

    private async Task<PaymentIntent> ChargeAsync(string method, string? customer, bool offSession = true, string? returnUrl = null) =>
        await _session.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1500,
            Currency = "usd",
            Customer = customer,
            PaymentMethod = method,
            Confirm = true,
            OffSession = offSession ? true : null,
            ReturnUrl = returnUrl,
            Metadata = new() { ["paydesk_payment_id"] = Guid.NewGuid().ToString() },
        });
}
