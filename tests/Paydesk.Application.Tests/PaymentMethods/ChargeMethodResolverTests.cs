using Paydesk.Application.Common;
using Paydesk.Application.PaymentMethods;
using Paydesk.Application.Payments;
using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Tests.PaymentMethods;

public sealed class ChargeMethodResolverTests
{
    private static readonly CardSummary Visa = CardSummary.Create("visa", "4242", 12, 2034);

    private readonly InMemoryUserRepository _users = new();
    private readonly InMemorySavedPaymentMethodRepository _methods = new();

    private ChargeMethodResolver Resolver() => new(_users, _methods);

    private User Customer(string? customerId = "cus_alice")
    {
        var user = Users.Alice();
        if (customerId is not null)
        {
            user.LinkGatewayCustomer(customerId);
        }

        _users.Seed(user);
        return user;
    }

    private SavedPaymentMethod Saved(User user, string id)
    {
        var method = SavedPaymentMethod.Save(id, user.Id, Visa, Times.Start);
        _methods.Seed(method);
        return method;
    }

    private static CreatePaymentCommand Charge(User user, string? source = null, string? paymentMethodId = null) =>
        Commands.CreatePayment(user.Id.Value) with { Source = source, PaymentMethodId = paymentMethodId };

    [Fact]
    public async Task One_off_source_is_charged_without_a_customer_and_without_reading_the_user()
    {
        var unknownUser = Users.Alice();

        var method = await Resolver().ResolveAsync(Charge(unknownUser, source: "pm_card_visa"), unknownUser.Id, CancellationToken.None);

        Assert.Equal("pm_card_visa", method.Source);
        Assert.Null(method.GatewayCustomer);
        Assert.True(method.OffSession);
    }

    [Fact]
    public async Task Saved_method_of_the_user_is_charged_with_the_users_gateway_customer()
    {
        var user = Customer();
        Saved(user, "pm_1Saved");

        var method = await Resolver().ResolveAsync(Charge(user, paymentMethodId: "pm_1Saved"), user.Id, CancellationToken.None);

        Assert.Equal("pm_1Saved", method.Source);
        Assert.Equal("cus_alice", method.GatewayCustomer);
    }

    [Fact]
    public async Task Another_users_method_is_refused_as_not_owned()
    {
        var user = Customer();
        var other = Customer("cus_bob");
        Saved(other, "pm_1Theirs");

        var error = await Assert.ThrowsAsync<UnprocessableException>(() =>
            Resolver().ResolveAsync(Charge(user, paymentMethodId: "pm_1Theirs"), user.Id, CancellationToken.None));

        Assert.Equal("payment_method_not_owned", error.Code);
    }

    [Fact]
    public async Task Unknown_method_is_refused_as_not_owned()
    {
        var user = Customer();

        var error = await Assert.ThrowsAsync<UnprocessableException>(() =>
            Resolver().ResolveAsync(Charge(user, paymentMethodId: "pm_1Nobody"), user.Id, CancellationToken.None));

        Assert.Equal("payment_method_not_owned", error.Code);
    }

    [Fact]
    public async Task Detached_method_is_refused_as_not_owned()
    {
        var user = Customer();
        var method = Saved(user, "pm_1Gone");
        user.Detach(method, Times.Start);

        var error = await Assert.ThrowsAsync<UnprocessableException>(() =>
            Resolver().ResolveAsync(Charge(user, paymentMethodId: "pm_1Gone"), user.Id, CancellationToken.None));

        Assert.Equal("payment_method_not_owned", error.Code);
    }

    [Fact]
    public async Task Default_method_is_charged_when_none_is_named()
    {
        var user = Customer();
        Saved(user, "pm_1First");
        user.MakeDefault(Saved(user, "pm_1Second"));

        var method = await Resolver().ResolveAsync(Charge(user), user.Id, CancellationToken.None);

        Assert.Equal("pm_1Second", method.Source);
        Assert.Equal("cus_alice", method.GatewayCustomer);
    }

    [Fact]
    public async Task User_without_a_default_gets_no_payment_method()
    {
        var user = Customer();
        Saved(user, "pm_1NotDefault");

        var error = await Assert.ThrowsAsync<UnprocessableException>(() =>
            Resolver().ResolveAsync(Charge(user), user.Id, CancellationToken.None));

        Assert.Equal("no_payment_method", error.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pm_1Saved")]
    public async Task Unknown_user_asking_for_a_saved_or_default_method_is_not_found(string? paymentMethodId)
    {
        var unknownUser = Users.Alice();

        var error = await Assert.ThrowsAsync<NotFoundException>(() =>
            Resolver().ResolveAsync(Charge(unknownUser, paymentMethodId: paymentMethodId), unknownUser.Id, CancellationToken.None));

        Assert.Equal("user_not_found", error.Code);
    }

    [Fact]
    public async Task On_session_charge_keeps_its_return_url_and_off_session_drops_it()
    {
        var user = Customer();
        var onSession = Charge(user, source: "pm_card_visa") with { OffSession = false, ReturnUrl = "https://shop.example/back" };
        var offSession = onSession with { OffSession = true };

        var on = await Resolver().ResolveAsync(onSession, user.Id, CancellationToken.None);
        var off = await Resolver().ResolveAsync(offSession, user.Id, CancellationToken.None);

        Assert.Equal(("https://shop.example/back", false), (on.ReturnUrl, on.OffSession));
        Assert.Equal((null, true), (off.ReturnUrl, off.OffSession));
    }
}
