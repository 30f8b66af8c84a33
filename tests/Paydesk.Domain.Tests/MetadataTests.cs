using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Domain.Tests;

public sealed class MetadataTests
{
    [Fact]
    public void The_most_keys_of_the_longest_keys_and_values_are_accepted()
    {
        var entries = Keys(Metadata.MaxKeys, length: Metadata.MaxKeyLength)
            .ToDictionary(k => k, _ => new string('v', Metadata.MaxValueLength), StringComparer.Ordinal);

        var metadata = Metadata.Create(entries);

        Assert.Equal(Metadata.MaxKeys, metadata.Count);
        Assert.Empty(Metadata.Validate(entries));
    }

    [Fact]
    public void One_key_more_than_the_limit_is_refused()
    {
        var entries = Keys(Metadata.MaxKeys + 1, length: 5).ToDictionary(k => k, _ => "v", StringComparer.Ordinal);

        var error = Assert.Single(Metadata.Validate(entries));

        Assert.Null(error.Key);
        Assert.Throws<InvalidValueException>(() => Metadata.Create(entries));
    }

    [Fact]
    public void The_limit_is_stripes_fifty_keys()
    {
        Assert.Equal(50, Metadata.MaxKeys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("paydesk_payment_id")]
    [InlineData("PAYDESK_anything")]
    [InlineData("a[b]")]
    [InlineData("tab\tkey")]
    [InlineData("k23456789012345678901234567890123456789012")]
    public void A_bad_key_is_refused_and_named(string key)
    {
        var error = Assert.Single(Metadata.Validate(new Dictionary<string, string> { [key] = "v" }));

        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void A_key_of_41_characters_is_refused()
    {
        var key = new string('k', Metadata.MaxKeyLength + 1);

        Assert.Equal(key, Assert.Single(Metadata.Validate(new Dictionary<string, string> { [key] = "v" })).Key);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Metadata.MaxValueLength + 1)]
    public void A_value_empty_or_too_long_is_refused_and_its_key_named(int length)
    {
        var error = Assert.Single(Metadata.Validate(new Dictionary<string, string> { ["order_id"] = new string('v', length) }));

        Assert.Equal("order_id", error.Key);
    }

    [Fact]
    public void A_null_value_is_refused()
    {
        var error = Assert.Single(Metadata.Validate(new Dictionary<string, string> { ["order_id"] = null! }));

        Assert.Equal("order_id", error.Key);
    }

    [Fact]
    public void Equal_entries_in_any_order_are_equal_metadata_kept_in_ordinal_key_order()
    {
        var one = Metadata.Create(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1", ["B"] = "3" });
        var other = Metadata.Create(new Dictionary<string, string> { ["B"] = "3", ["a"] = "1", ["b"] = "2" });

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
        Assert.Equal(["B", "a", "b"], one.Entries.Keys);
    }

    [Fact]
    public void Keys_are_case_sensitive()
    {
        Assert.NotEqual(Metadata.Create(new Dictionary<string, string> { ["a"] = "1" }), Metadata.Create(new Dictionary<string, string> { ["A"] = "1" }));
    }

    [Fact]
    public void No_entries_is_the_empty_metadata()
    {
        Assert.Same(Metadata.Empty, Metadata.Create(null));
        Assert.Same(Metadata.Empty, Metadata.Create(new Dictionary<string, string>()));
    }

    [Fact]
    public void Users_payments_and_refunds_keep_their_metadata()
    {
        var metadata = Metadata.Create(new Dictionary<string, string> { ["order_id"] = "1001" });
        var user = User.Register(UserId.New(), Email.Create("a@example.com"), "Ann", Times.Created, metadata);
        var payment = Payment.Create(PaymentId.New(), user.Id, Money.Positive(1500, Currency.FromCode("USD")), "pm_card_visa", null, "charge_1", Times.Created);
        var tagged = Payment.Create(PaymentId.New(), user.Id, Money.Positive(1500, Currency.FromCode("USD")), ChargeMethod.OneOff("pm_card_visa"), null, "charge_2", Times.Created, metadata: metadata);
        tagged.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, "pi_1"), Times.Created, OutcomeRule.Strict);

        var refund = tagged.RequestRefund(RefundId.New(), 100, null, "refund_1", Times.Created, metadata);

        Assert.Equal(metadata, user.Metadata);
        Assert.Same(Metadata.Empty, payment.Metadata);
        Assert.Equal(metadata, tagged.Metadata);
        Assert.Equal(metadata, refund.Metadata);
    }

    private static IEnumerable<string> Keys(int count, int length) =>
        Enumerable.Range(0, count).Select(i => i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture).PadLeft(length, 'k'));
}
