using Paydesk.Domain.Common;

namespace Paydesk.Domain.Tests;

public sealed class TimestampsTests
{
    [Fact]
    public void Normalize_converts_to_UTC_with_offset_zero()
    {
        var local = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(-5));

        var normalized = Timestamps.Normalize(local);

        Assert.Equal(TimeSpan.Zero, normalized.Offset);
        Assert.Equal(new DateTime(2026, 3, 1, 14, 30, 0, DateTimeKind.Unspecified), normalized.DateTime);
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(1L, 0L)]
    [InlineData(9L, 0L)]
    [InlineData(10L, 10L)]
    [InlineData(19L, 10L)]
    [InlineData(1_234_567L, 1_234_560L)]
    public void Normalize_truncates_to_whole_microseconds(long extraTicks, long expectedExtraTicks)
    {
        var value = Times.Created.AddTicks(extraTicks);

        var normalized = Timestamps.Normalize(value);

        Assert.Equal(Times.Created.AddTicks(expectedExtraTicks).Ticks, normalized.Ticks);
    }

    [Fact]
    public void Normalize_is_idempotent()
    {
        var once = Timestamps.Normalize(Times.Unnormalized);

        var twice = Timestamps.Normalize(once);

        Assert.Equal(once, twice);
        Assert.Equal(once.Offset, twice.Offset);
        Assert.Equal(Times.UnnormalizedAsStored, once);
    }
}
