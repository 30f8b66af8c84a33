using Paydesk.Infrastructure.External.Messaging.Relay;

namespace Paydesk.Infrastructure.Tests.Messaging;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(7, 60)]
    [InlineData(50, 60)]
    public void The_delay_doubles_per_attempt_up_to_the_cap_and_jitter_spans_its_upper_half(int attempt, double ceilingSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds / 2), RetryBackoff.For(attempt, Base, Max, 0));
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds), RetryBackoff.For(attempt, Base, Max, 1));
    }
}
