using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;

namespace Paydesk.Infrastructure.Tests.External.PaymentGateway;

/// <summary>The Stripe adapter for customers, setups and saved methods against the emulator over real HTTP.</summary>
public sealed class StripePaymentMethodGatewayTests
{
    private static GatewayCustomerRequest Customer(UserId? userId = null)
    {
        var id = userId ?? UserId.New();
        return new GatewayCustomerRequest(id, "ada@example.com", "Ada", $"customer_{id.Value:N}");
    }

    [Fact]
    public async Task Asking_for_a_users_customer_twice_answers_the_same_customer()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var request = Customer();

        var first = await harness.Methods.EnsureCustomerAsync(request, CancellationToken.None);
        var second = await harness.Methods.EnsureCustomerAsync(request, CancellationToken.None);

        Assert.StartsWith("cus_", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Attaching_a_test_method_saves_a_new_method_with_its_card_summary()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var customer = await harness.Methods.EnsureCustomerAsync(Customer(), CancellationToken.None);

        var attached = await harness.Methods.AttachAsync("pm_card_visa", customer, $"attach_{Guid.NewGuid():N}", CancellationToken.None);
        var read = await harness.Methods.GetPaymentMethodAsync(attached.Id, CancellationToken.None);

        Assert.NotEqual("pm_card_visa", attached.Id);
        Assert.Equal((customer, "visa", "4242"), (attached.CustomerId, attached.Card.Brand, attached.Card.Last4));
        Assert.Equal(attached, read);
    }

    [Fact]
    public async Task Attaching_to_an_unknown_customer_is_refused()
    {
        await using var harness = await GatewayHarness.StartAsync();

        var error = await Assert.ThrowsAsync<PaymentMethodRefusedException>(() =>
            harness.Methods.AttachAsync("pm_card_visa", "cus_unknown", $"attach_{Guid.NewGuid():N}", CancellationToken.None));

        Assert.False(string.IsNullOrEmpty(error.Code));
    }

    [Fact]
    public async Task A_detached_method_stays_detached_when_detached_again_and_cannot_be_attached_again()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var customer = await harness.Methods.EnsureCustomerAsync(Customer(), CancellationToken.None);
        var attached = await harness.Methods.AttachAsync("pm_card_visa", customer, $"attach_{Guid.NewGuid():N}", CancellationToken.None);

        await harness.Methods.DetachAsync(attached.Id, CancellationToken.None);
        await harness.Methods.DetachAsync(attached.Id, CancellationToken.None);

        Assert.Null((await harness.Methods.GetPaymentMethodAsync(attached.Id, CancellationToken.None))!.CustomerId);
        await Assert.ThrowsAsync<PaymentMethodRefusedException>(() =>
            harness.Methods.AttachAsync(attached.Id, customer, $"attach_{Guid.NewGuid():N}", CancellationToken.None));
    }

    [Fact]
    public async Task A_setup_is_created_for_off_session_use_on_the_customer_and_read_back()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var userId = UserId.New();
        var customer = await harness.Methods.EnsureCustomerAsync(Customer(userId), CancellationToken.None);

        var setup = await harness.Methods.CreateSetupAsync(new GatewaySetupRequest(userId, customer, $"setup_{Guid.NewGuid():N}"), CancellationToken.None);
        var read = await harness.Methods.GetSetupAsync(setup.Id, CancellationToken.None);

        Assert.StartsWith("seti_", setup.Id, StringComparison.Ordinal);
        Assert.Equal((customer, "requires_payment_method", false), (setup.CustomerId, setup.Status, setup.HasSucceeded));
        Assert.Equal(setup, read);
    }

    [Fact]
    public async Task Unknown_setups_and_methods_are_null()
    {
        await using var harness = await GatewayHarness.StartAsync();

        Assert.Null(await harness.Methods.GetSetupAsync("seti_unknown", CancellationToken.None));
        Assert.Null(await harness.Methods.GetPaymentMethodAsync("pm_unknown", CancellationToken.None));
    }

    [Fact]
    public async Task A_setup_for_an_unknown_customer_is_refused()
    {
        await using var harness = await GatewayHarness.StartAsync();

        await Assert.ThrowsAsync<PaymentMethodRefusedException>(() =>
            harness.Methods.CreateSetupAsync(new GatewaySetupRequest(UserId.New(), "cus_unknown", $"setup_{Guid.NewGuid():N}"), CancellationToken.None));
    }
}
