using Paydesk.Domain.Payments;

namespace Paydesk.Domain.Tests;

public sealed class StatusNamesTests
{
    [Theory]
    [InlineData(PaymentStatus.Pending, "pending")]
    [InlineData(PaymentStatus.RequiresAction, "requires_action")]
    [InlineData(PaymentStatus.Succeeded, "succeeded")]
    [InlineData(PaymentStatus.Failed, "failed")]
    [InlineData(PaymentStatus.PartiallyRefunded, "partially_refunded")]
    [InlineData(PaymentStatus.Refunded, "refunded")]
    [InlineData(PaymentStatus.RequiresCapture, "requires_capture")]
    [InlineData(PaymentStatus.Canceled, "canceled")]
    public void Payment_status_has_a_snake_case_name_that_parses_back(PaymentStatus status, string name)
    {
        Assert.Equal(name, status.ToName());
        Assert.Equal(status, StatusNames.ParsePaymentStatus(name));
    }

    [Theory]
    [InlineData(RefundStatus.Pending, "pending")]
    [InlineData(RefundStatus.Succeeded, "succeeded")]
    [InlineData(RefundStatus.Failed, "failed")]
    public void Refund_status_has_a_snake_case_name_that_parses_back(RefundStatus status, string name)
    {
        Assert.Equal(name, status.ToName());
        Assert.Equal(status, StatusNames.ParseRefundStatus(name));
    }

    [Fact]
    public void Every_payment_status_round_trips_through_a_distinct_name()
    {
        var statuses = Enum.GetValues<PaymentStatus>();

        var names = statuses.Select(s => s.ToName()).ToList();

        Assert.Equal(statuses.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(statuses, s => Assert.Equal(s, StatusNames.ParsePaymentStatus(s.ToName())));
        Assert.All(names, n => Assert.Matches("^[a-z]+(_[a-z]+)*$", n));
    }

    [Fact]
    public void Every_refund_status_round_trips_through_a_distinct_name()
    {
        var statuses = Enum.GetValues<RefundStatus>();

        var names = statuses.Select(s => s.ToName()).ToList();

        Assert.Equal(statuses.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(statuses, s => Assert.Equal(s, StatusNames.ParseRefundStatus(s.ToName())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Pending")]
    [InlineData("PENDING")]
    [InlineData("partially-refunded")]
    [InlineData("PartiallyRefunded")]
    [InlineData("requiresaction")]
    [InlineData(" pending")]
    [InlineData("cancelled")]
    public void Unknown_payment_status_name_is_rejected(string name)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusNames.ParsePaymentStatus(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Succeeded")]
    [InlineData("refunded")]
    [InlineData("requires_action")]
    public void Unknown_refund_status_name_is_rejected(string name)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusNames.ParseRefundStatus(name));
    }

    [Fact]
    public void Undefined_status_values_have_no_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((PaymentStatus)99).ToName());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((RefundStatus)99).ToName());
    }
}
