using Paydesk.Domain.Common;

namespace Paydesk.Domain.Tests;

public sealed class IdsTests
{
    [Fact]
    public void New_ids_are_version_7_and_distinct()
    {
        var first = PaymentId.New();
        var second = PaymentId.New();

        Assert.NotEqual(first, second);
        Assert.Equal(7, first.Value.Version);
        Assert.Equal(7, UserId.New().Value.Version);
        Assert.Equal(7, RefundId.New().Value.Version);
    }

    [Fact]
    public void Payment_ids_compare_by_their_UUID_order()
    {
        var lower = new PaymentId(Guid.Parse("00000000-0000-7000-8000-000000000001"));
        var higher = new PaymentId(Guid.Parse("ffffffff-0000-7000-8000-000000000000"));

        Assert.True(lower < higher);
        Assert.True(lower <= higher);
        Assert.True(higher > lower);
        Assert.True(higher >= lower);
        Assert.False(lower > higher);
        Assert.True(lower <= new PaymentId(lower.Value));
        Assert.Equal(0, lower.CompareTo(new PaymentId(lower.Value)));
    }

    [Fact]
    public void Id_prints_as_its_UUID()
    {
        var guid = Guid.Parse("0195a3f2-1c4b-7d2e-9f00-123456789abc");

        Assert.Equal("0195a3f2-1c4b-7d2e-9f00-123456789abc", new PaymentId(guid).ToString());
        Assert.Equal("0195a3f2-1c4b-7d2e-9f00-123456789abc", new UserId(guid).ToString());
        Assert.Equal("0195a3f2-1c4b-7d2e-9f00-123456789abc", new RefundId(guid).ToString());
    }

    [Theory]
    [InlineData("ix_users_normalized_email", "normalized_email", true)]
    [InlineData("IX_USERS_NORMALIZED_EMAIL", "normalized_email", true)]
    [InlineData("ix_idempotency_records_scope_key", "normalized_email", false)]
    public void Duplicate_key_tells_which_index_it_concerns(string target, string fragment, bool expected)
    {
        var exception = new DuplicateKeyException { Target = target };

        Assert.Equal(expected, exception.Concerns(fragment));
    }

    [Fact]
    public void Duplicate_key_without_a_target_concerns_nothing()
    {
        var exception = new DuplicateKeyException();

        Assert.False(exception.Concerns("email"));
    }
}
