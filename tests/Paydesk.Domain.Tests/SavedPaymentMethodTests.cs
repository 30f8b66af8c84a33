using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Users;

namespace Paydesk.Domain.Tests;

public sealed class SavedPaymentMethodTests
{
    private static readonly CardSummary Visa = CardSummary.Create("visa", "4242", 12, 2034);

    private static User Register() => User.Register(UserId.New(), Email.Create("alice@example.com"), "Alice", Times.Created);

    [Fact]
    public void Saved_method_keeps_the_card_summary_and_a_normalized_time()
    {
        var userId = UserId.New();

        var method = SavedPaymentMethod.Save("pm_1AbC", userId, Visa, Times.Unnormalized);

        Assert.Equal("pm_1AbC", method.Id);
        Assert.Equal(userId, method.UserId);
        Assert.Equal(Visa, method.Card);
        Assert.Equal(Times.UnnormalizedAsStored, method.CreatedAt);
        Assert.False(method.IsDetached);
    }

    [Theory]
    [InlineData("")]
    [InlineData("card_1AbC")]
    [InlineData("pm_4242424242424242")]
    [InlineData("pm_1AbC\n")]
    public void Id_that_is_not_a_gateway_payment_method_is_refused(string id)
    {
        var error = Assert.Throws<InvalidValueException>(() => SavedPaymentMethod.Save(id, UserId.New(), Visa, Times.Created));

        Assert.Equal("invalid_payment_method", error.Code);
    }

    [Theory]
    [InlineData("", "4242", 1, 2030)]
    [InlineData("Visa<script>", "4242", 1, 2030)]
    [InlineData("visa", "424", 1, 2030)]
    [InlineData("visa", "42424", 1, 2030)]
    [InlineData("visa", "4242", 0, 2030)]
    [InlineData("visa", "4242", 13, 2030)]
    [InlineData("visa", "4242", 1, 30)]
    public void Card_summary_out_of_shape_is_refused(string brand, string last4, int month, int year)
    {
        var error = Assert.Throws<InvalidValueException>(() => CardSummary.Create(brand, last4, month, year));

        Assert.Equal("invalid_card", error.Code);
    }

    [Fact]
    public void Detached_method_cannot_be_charged_and_detaching_again_keeps_the_first_time()
    {
        var userId = UserId.New();
        var method = SavedPaymentMethod.Save("pm_1AbC", userId, Visa, Times.Created);

        method.Detach(Times.Created.AddHours(1));
        method.Detach(Times.Created.AddHours(2));

        Assert.False(method.IsChargeableBy(userId));
        Assert.Equal(Times.Created.AddHours(1), method.DetachedAt);
    }

    [Fact]
    public void Method_is_chargeable_only_by_its_user()
    {
        var method = SavedPaymentMethod.Save("pm_1AbC", UserId.New(), Visa, Times.Created);

        Assert.False(method.IsChargeableBy(UserId.New()));
    }

    [Fact]
    public void User_has_one_default_the_last_one_made()
    {
        var user = Register();
        var first = SavedPaymentMethod.Save("pm_first", user.Id, Visa, Times.Created);
        var second = SavedPaymentMethod.Save("pm_second", user.Id, Visa, Times.Created);

        user.MakeDefault(first);
        user.MakeDefault(second);

        Assert.Equal("pm_second", user.DefaultPaymentMethodId);
    }

    [Fact]
    public void Another_users_method_cannot_be_made_the_default()
    {
        var user = Register();
        var theirs = SavedPaymentMethod.Save("pm_theirs", UserId.New(), Visa, Times.Created);

        var error = Assert.Throws<DomainException>(() => user.MakeDefault(theirs));

        Assert.Equal("payment_method_not_owned", error.Code);
        Assert.Null(user.DefaultPaymentMethodId);
    }

    [Fact]
    public void Detached_method_cannot_be_made_the_default()
    {
        var user = Register();
        var method = SavedPaymentMethod.Save("pm_1AbC", user.Id, Visa, Times.Created);
        user.Detach(method, Times.Created);

        Assert.Throws<DomainException>(() => user.MakeDefault(method));
    }

    [Fact]
    public void Detaching_the_default_leaves_the_user_without_one()
    {
        var user = Register();
        var method = SavedPaymentMethod.Save("pm_1AbC", user.Id, Visa, Times.Created);
        user.MakeDefault(method);

        user.Detach(method, Times.Created.AddHours(1));

        Assert.Null(user.DefaultPaymentMethodId);
        Assert.True(method.IsDetached);
    }

    [Fact]
    public void Another_users_method_cannot_be_detached_through_this_user()
    {
        var user = Register();
        var theirs = SavedPaymentMethod.Save("pm_theirs", UserId.New(), Visa, Times.Created);

        Assert.Throws<DomainException>(() => user.Detach(theirs, Times.Created));
        Assert.False(theirs.IsDetached);
    }

    [Fact]
    public void Gateway_customer_is_linked_once_and_another_one_is_refused()
    {
        var user = Register();

        user.LinkGatewayCustomer("cus_first");
        user.LinkGatewayCustomer("cus_first");
        var error = Assert.Throws<DomainException>(() => user.LinkGatewayCustomer("cus_second"));

        Assert.Equal("cus_first", user.GatewayCustomerId);
        Assert.Equal("gateway_customer_exists", error.Code);
        Assert.Equal(1, user.Version);
    }
}
