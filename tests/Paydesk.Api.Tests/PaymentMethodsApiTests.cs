using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Common;
using Paydesk.TestSupport;
using StripeNet = Stripe;

namespace Paydesk.Api.Tests;

/// <summary>
/// Saved payment methods over HTTP against the sandbox; the test plays the company's frontend with
/// Stripe.net where Stripe.js would confirm a setup in the payer's browser.
/// </summary>
public abstract class PaymentMethodsApiTests(ApiFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();

    /// <summary>The frontend's view of the gateway: Stripe.net pointed at the sandbox.</summary>
    private readonly StripeNet.StripeClient _stripe = new(new StripeNet.StripeClientOptions
    {
        ApiKey = PaydeskApiFactory.StripeSecretKey,
        ApiBase = fixture.Emulator.BaseAddress.ToString().TrimEnd('/'),
    });

    [Fact]
    public async Task A_user_gets_one_gateway_customer_under_20_concurrent_first_uses()
    {
        var user = await _client.RegisterUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _client.PostAsync($"/v1/users/{user.Id()}/payment-method-setups", null)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var setups = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));
        var customers = await Task.WhenAll(setups.Select(async s => (await _stripe.V1.SetupIntents.GetAsync(s.Id())).CustomerId));
        var stored = await StoredCustomerAsync(user.Id());
        Assert.StartsWith("cus_", stored, StringComparison.Ordinal);
        Assert.All(customers, c => Assert.Equal(stored, c));
        var customer = await _stripe.V1.Customers.GetAsync(stored);
        Assert.Equal(user.Id(), customer.Metadata["paydesk_user_id"]);
        Assert.Equal(20, setups.Select(s => s.Id()).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_setup_confirmed_by_the_frontend_saves_the_card_through_the_webhook()
    {
        var user = await _client.RegisterUserAsync();
        var setup = await CreateSetupAsync(user.Id());
        Assert.Equal("requires_payment_method", setup.Str("status"));
        Assert.StartsWith($"{setup.Id()}_secret_", setup.Str("clientSecret"), StringComparison.Ordinal);

        await _stripe.V1.SetupIntents.ConfirmAsync(setup.Id(), new StripeNet.SetupIntentConfirmOptions { PaymentMethod = "pm_card_visa" });

        var methods = await Eventually.Until(() => ListAsync(user.Id()), m => m.Count == 1, "the webhook to save the card");
        var method = methods.Single();
        Assert.StartsWith("pm_", method.Id(), StringComparison.Ordinal);
        Assert.NotEqual("pm_card_visa", method.Id());
        Assert.Equal(("visa", "4242"), (method.Str("brand"), method.Str("last4")));
        Assert.True(method.GetProperty("isDefault").GetBoolean());
        Assert.InRange(method.GetProperty("expMonth").GetInt32(), 1, 12);
        Assert.True(method.GetProperty("expYear").GetInt32() >= 2000);
        var intent = await _stripe.V1.SetupIntents.GetAsync(setup.Id());
        Assert.Equal(method.Id(), intent.PaymentMethodId);

        // The synchronous check after the webhook finds the card saved already: still one.
        var checkedSetup = await (await _client.GetAsync($"/v1/users/{user.Id()}/payment-method-setups/{setup.Id()}")).ReadJsonAsync();
        Assert.Equal("succeeded", checkedSetup.Str("status"));
        Assert.Single(await ListAsync(user.Id()));
    }

    [Fact]
    public async Task The_setup_check_saves_a_succeeded_setups_card_when_no_webhook_came()
    {
        var user = await _client.RegisterUserAsync();
        var setup = await CreateSetupAsync(user.Id());
        var webhooks = fixture.Emulator.WebhookTransport;
        fixture.Emulator.WebhookTransport = (_, _, _) => Task.CompletedTask;
        try
        {
            await _stripe.V1.SetupIntents.ConfirmAsync(setup.Id(), new StripeNet.SetupIntentConfirmOptions { PaymentMethod = "pm_card_mastercard" });
        }
        finally
        {
            fixture.Emulator.WebhookTransport = webhooks;
        }

        Assert.Empty(await ListAsync(user.Id()));
        var response = await _client.GetAsync($"/v1/users/{user.Id()}/payment-method-setups/{setup.Id()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal((setup.Id(), "succeeded"), (body.Id(), body.Str("status")));
        var method = Assert.Single(await ListAsync(user.Id()));
        Assert.Equal("mastercard", method.Str("brand"));
    }

    [Fact]
    public async Task A_declined_setup_saves_nothing()
    {
        var user = await _client.RegisterUserAsync();
        var setup = await CreateSetupAsync(user.Id());

        await Assert.ThrowsAsync<StripeNet.StripeException>(() =>
            _stripe.V1.SetupIntents.ConfirmAsync(setup.Id(), new StripeNet.SetupIntentConfirmOptions { PaymentMethod = "pm_card_chargeDeclined" }));

        var body = await (await _client.GetAsync($"/v1/users/{user.Id()}/payment-method-setups/{setup.Id()}")).ReadJsonAsync();
        Assert.Equal("requires_payment_method", body.Str("status"));
        Assert.Empty(await ListAsync(user.Id()));
    }

    [Fact]
    public async Task Another_users_setup_is_not_found()
    {
        var owner = await _client.RegisterUserAsync();
        var other = await _client.RegisterUserAsync();
        var setup = await CreateSetupAsync(owner.Id());
        await CreateSetupAsync(other.Id());

        var response = await _client.GetAsync($"/v1/users/{other.Id()}/payment-method-setups/{setup.Id()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "setup_not_found");
    }

    [Fact]
    public async Task Attached_methods_are_listed_the_first_the_default_until_another_is_made_so_and_a_detached_one_disappears()
    {
        var user = await _client.RegisterUserAsync();

        var visa = await AttachAsync(user.Id(), "pm_card_visa");
        var mastercard = await AttachAsync(user.Id(), "pm_card_mastercard");
        var listed = await ListAsync(user.Id());
        var madeDefault = await _client.PostAsync($"/v1/users/{user.Id()}/payment-methods/{mastercard.Id()}/default", null);
        var afterDefault = await ListAsync(user.Id());
        var detached = await _client.DeleteAsync($"/v1/users/{user.Id()}/payment-methods/{visa.Id()}");
        var afterDetach = await ListAsync(user.Id());

        Assert.True(visa.GetProperty("isDefault").GetBoolean());
        Assert.False(mastercard.GetProperty("isDefault").GetBoolean());
        Assert.Equal([visa.Id(), mastercard.Id()], listed.Select(m => m.Id()));
        Assert.Equal(HttpStatusCode.OK, madeDefault.StatusCode);
        Assert.True((await madeDefault.ReadJsonAsync()).GetProperty("isDefault").GetBoolean());
        Assert.Equal([false, true], afterDefault.Select(m => m.GetProperty("isDefault").GetBoolean()));
        Assert.Equal(HttpStatusCode.NoContent, detached.StatusCode);
        Assert.Equal([mastercard.Id()], afterDetach.Select(m => m.Id()));
        Assert.Null((await _stripe.V1.PaymentMethods.GetAsync(visa.Id())).CustomerId);
    }

    [Fact]
    public async Task A_method_attached_with_default_true_becomes_the_default()
    {
        var user = await _client.RegisterUserAsync();
        await AttachAsync(user.Id(), "pm_card_visa");

        var second = await AttachAsync(user.Id(), "pm_card_mastercard", makeDefault: true);

        Assert.True(second.GetProperty("isDefault").GetBoolean());
        Assert.Equal([false, true], (await ListAsync(user.Id())).Select(m => m.GetProperty("isDefault").GetBoolean()));
    }

    [Fact]
    public async Task A_saved_method_is_charged_twice_with_the_users_customer()
    {
        var user = await _client.RegisterUserAsync();
        var method = await AttachAsync(user.Id(), "pm_card_visa");

        var first = await ChargeAsync(new { userId = user.Id(), amount = 1500, currency = "USD", paymentMethodId = method.Id() });
        var second = await ChargeAsync(new { userId = user.Id(), amount = 2500, currency = "USD", paymentMethodId = method.Id() });

        var customer = await StoredCustomerAsync(user.Id());
        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var payment = await response.ReadJsonAsync();
            Assert.Equal(("succeeded", method.Id()), (payment.Str("status"), payment.Str("source")));
            var intent = await _stripe.V1.PaymentIntents.GetAsync(payment.Str("gatewayReference"));
            Assert.Equal(customer, intent.CustomerId);
            Assert.Equal(method.Id(), intent.PaymentMethodId);
        }
    }

    [Fact]
    public async Task The_default_method_is_charged_when_a_payment_names_none()
    {
        var user = await _client.RegisterUserAsync();
        await AttachAsync(user.Id(), "pm_card_visa");
        var chosen = await AttachAsync(user.Id(), "pm_card_mastercard", makeDefault: true);

        var response = await ChargeAsync(new { userId = user.Id(), amount = 1500, currency = "USD" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await response.ReadJsonAsync();
        Assert.Equal(("succeeded", chosen.Id()), (payment.Str("status"), payment.Str("source")));
    }

    [Fact]
    public async Task Another_users_saved_method_is_refused_and_nothing_is_charged()
    {
        var owner = await _client.RegisterUserAsync();
        var other = await _client.RegisterUserAsync();
        var method = await AttachAsync(owner.Id(), "pm_card_visa");
        var chargesBefore = fixture.Emulator.ChargeRequests;

        var response = await ChargeAsync(new { userId = other.Id(), amount = 1500, currency = "USD", paymentMethodId = method.Id() });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "payment_method_not_owned");
        Assert.Equal(chargesBefore, fixture.Emulator.ChargeRequests);
    }

    [Fact]
    public async Task A_detached_method_can_no_longer_be_charged()
    {
        var user = await _client.RegisterUserAsync();
        var method = await AttachAsync(user.Id(), "pm_card_visa");
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/v1/users/{user.Id()}/payment-methods/{method.Id()}")).StatusCode);

        var named = await ChargeAsync(new { userId = user.Id(), amount = 1500, currency = "USD", paymentMethodId = method.Id() });
        var byDefault = await ChargeAsync(new { userId = user.Id(), amount = 1500, currency = "USD" });

        await named.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "payment_method_not_owned");
        await byDefault.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "no_payment_method");
    }

    [Fact]
    public async Task A_user_without_a_saved_method_naming_none_gets_no_payment_method()
    {
        var user = await _client.RegisterUserAsync();

        var response = await ChargeAsync(new { userId = user.Id(), amount = 1500, currency = "USD" });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "no_payment_method");
    }

    [Fact]
    public async Task Naming_both_a_saved_method_and_a_source_is_400()
    {
        var user = await _client.RegisterUserAsync();

        var response = await ChargeAsync(new { userId = user.Id(), amount = 1500, currency = "USD", source = "pm_card_visa", paymentMethodId = "pm_1Saved" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("paymentMethodId", out _));
    }

    [Fact]
    public async Task An_unknown_user_is_404_on_every_route_and_on_a_charge_by_default()
    {
        var unknown = Guid.NewGuid();

        var responses = new[]
        {
            await _client.PostAsync($"/v1/users/{unknown}/payment-method-setups", null),
            await _client.GetAsync($"/v1/users/{unknown}/payment-method-setups/seti_123"),
            await _client.PostAsJsonAsync($"/v1/users/{unknown}/payment-methods", new { paymentMethod = "pm_card_visa" }),
            await _client.GetAsync($"/v1/users/{unknown}/payment-methods"),
            await _client.DeleteAsync($"/v1/users/{unknown}/payment-methods/pm_1Saved"),
            await _client.PostAsync($"/v1/users/{unknown}/payment-methods/pm_1Saved/default", null),
            await ChargeAsync(new { userId = unknown, amount = 1500, currency = "USD" }),
        };

        foreach (var response in responses)
        {
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        }
    }

    [Fact]
    public async Task Another_users_method_cannot_be_detached_or_made_the_default()
    {
        var owner = await _client.RegisterUserAsync();
        var other = await _client.RegisterUserAsync();
        var method = await AttachAsync(owner.Id(), "pm_card_visa");

        var detach = await _client.DeleteAsync($"/v1/users/{other.Id()}/payment-methods/{method.Id()}");
        var makeDefault = await _client.PostAsync($"/v1/users/{other.Id()}/payment-methods/{method.Id()}/default", null);

        await detach.AssertProblemAsync(HttpStatusCode.NotFound, "payment_method_not_found");
        await makeDefault.AssertProblemAsync(HttpStatusCode.NotFound, "payment_method_not_found");
        Assert.Single(await ListAsync(owner.Id()));
    }

    [Theory]
    [InlineData("4242424242424242")]
    [InlineData("card_123")]
    [InlineData("")]
    public async Task Attaching_something_that_is_not_a_payment_method_id_is_400(string paymentMethod)
    {
        var user = await _client.RegisterUserAsync();

        var response = await _client.PostAsJsonAsync($"/v1/users/{user.Id()}/payment-methods", new { paymentMethod });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.DoesNotContain("4242424242424242", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attaching_a_method_the_gateway_does_not_know_is_422()
    {
        var user = await _client.RegisterUserAsync();

        var response = await _client.PostAsJsonAsync($"/v1/users/{user.Id()}/payment-methods", new { paymentMethod = "pm_card_doesNotExist" });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Empty(await ListAsync(user.Id()));
    }

    [Fact]
    public async Task No_answer_or_row_holds_a_card_fingerprint()
    {
        var user = await _client.RegisterUserAsync();
        var method = await AttachAsync(user.Id(), "pm_card_visa");
        var fingerprint = (await _stripe.V1.PaymentMethods.GetAsync(method.Id())).Card.Fingerprint;

        var listed = await (await _client.GetAsync($"/v1/users/{user.Id()}/payment-methods")).Content.ReadAsStringAsync();

        Assert.False(string.IsNullOrEmpty(fingerprint));
        Assert.DoesNotContain(fingerprint, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("fingerprint", listed, StringComparison.OrdinalIgnoreCase);
        await using var db = fixture.Database.CreateContext();
        var row = await db.SavedPaymentMethods.AsNoTracking().SingleAsync(m => m.Id == method.Id());
        Assert.Equal("4242", row.Last4);
    }

    private async Task<JsonElement> CreateSetupAsync(string userId)
    {
        var response = await _client.PostAsync($"/v1/users/{userId}/payment-method-setups", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private async Task<JsonElement> AttachAsync(string userId, string paymentMethod, bool? makeDefault = null)
    {
        var response = await _client.PostAsJsonAsync($"/v1/users/{userId}/payment-methods", new { paymentMethod, @default = makeDefault });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task<IReadOnlyList<JsonElement>> ListAsync(string userId)
    {
        var response = await _client.GetAsync($"/v1/users/{userId}/payment-methods");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync()).GetProperty("data").EnumerateArray()];
    }

    private Task<HttpResponseMessage> ChargeAsync(object body) => _client.PostJsonAsync("/v1/payments", body, Guid.NewGuid().ToString());

    private async Task<string> StoredCustomerAsync(string userId)
    {
        await using var db = fixture.Database.CreateContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == new UserId(Guid.Parse(userId)));
        return user.GatewayCustomerId!;
    }
}

public sealed class SqlitePaymentMethodsApiTests(SqliteApiFixture fixture) : PaymentMethodsApiTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresPaymentMethodsApiTests(PostgresApiFixture fixture) : PaymentMethodsApiTests(fixture), IClassFixture<PostgresApiFixture>;
