using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.External.Redis;
using Paydesk.TestSupport;

namespace Paydesk.Infrastructure.Tests.External.Redis;

/// <summary>The shared token bucket's script, against the test run's Redis.</summary>
public sealed class RedisTokenBucketTests : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task Takes_the_burst_then_refuses_with_the_time_until_the_next_refill()
    {
        await using var connection = Connection(RedisServer.Address);
        var bucket = new RedisTokenBucket(connection, Metrics());

        var taken = new List<TokenBucketAnswer>();
        for (var i = 0; i < 4; i++)
        {
            taken.Add(await bucket.TryTakeAsync("key", burst: 3, permitsPerPeriod: 1, TimeSpan.FromHours(1)));
        }

        Assert.Equal([true, true, true, false], taken.Select(a => a.Taken));
        Assert.InRange(taken[^1].RetryAfter, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Each_key_has_a_bucket_of_its_own()
    {
        await using var connection = Connection(RedisServer.Address);
        var bucket = new RedisTokenBucket(connection, Metrics());

        var first = await bucket.TryTakeAsync("one", burst: 1, permitsPerPeriod: 1, TimeSpan.FromHours(1));
        var again = await bucket.TryTakeAsync("one", burst: 1, permitsPerPeriod: 1, TimeSpan.FromHours(1));
        var other = await bucket.TryTakeAsync("two", burst: 1, permitsPerPeriod: 1, TimeSpan.FromHours(1));

        Assert.True(first.Taken);
        Assert.False(again.Taken);
        Assert.True(other.Taken);
    }

    [Fact]
    public async Task A_Redis_that_is_not_there_throws_what_counts_as_unavailable()
    {
        await using var redis = await RedisProcess.StartNewAsync();
        await redis.KillAsync();
        await using var connection = Connection(redis.Address);
        var bucket = new RedisTokenBucket(connection, Metrics());

        var error = await Record.ExceptionAsync(() => bucket.TryTakeAsync("key", burst: 1, permitsPerPeriod: 1, TimeSpan.FromSeconds(1)));

        Assert.NotNull(error);
        Assert.True(RedisTokenBucket.IsUnavailable(error), error.ToString());
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private static RedisConnection Connection(string address) =>
        new(Options.Create(new RedisOptions { Configuration = address, KeyPrefix = RedisServer.UniquePrefix(), CommandTimeout = TimeSpan.FromMilliseconds(300) }));

    private RedisMetrics Metrics() => new(_services.GetRequiredService<IMeterFactory>());
}
