using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Redis;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>
/// The per-key token bucket kept in Redis: shared by every instance, and failing open when Redis is
/// down. Each test has buckets of its own (a key prefix no other test uses).
/// </summary>
public sealed class RedisRateLimitTests
{
    private const string Report = "/v1/reports/daily-totals?from=2026-01-01&to=2026-01-02";

    [Fact]
    public async Task Two_instances_share_one_bucket_and_refuse_past_the_burst_with_Retry_After()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var prefix = RedisServer.UniquePrefix();
        await using var first = Limited(database, RedisServer.Address, prefix, burst: 5, periodSeconds: 3600);
        await using var second = Limited(database, RedisServer.Address, prefix, burst: 5, periodSeconds: 3600);
        using var a = first.CreateClientWithKey();
        using var b = second.CreateClientWithKey();
        using var other = second.CreateClientWithKey(PaydeskApiFactory.OtherApiKey);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await (i % 2 == 0 ? a : b).GetAsync(Report)).StatusCode);
        }

        var limited = await a.GetAsync(Report);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3000, 3600);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(Report)).StatusCode);
    }

    [Fact]
    public async Task The_shared_bucket_refills_at_the_configured_rate()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = Limited(database, RedisServer.Address, RedisServer.UniquePrefix(), burst: 2, periodSeconds: 2);
        using var client = factory.CreateClientWithKey();

        var refused = false;
        for (var i = 0; i < 200 && !refused; i++)
        {
            refused = (await client.GetAsync(Report)).StatusCode == HttpStatusCode.TooManyRequests;
        }

        Assert.True(refused, "The limit was never reached.");
        var status = await Eventually.Until(
            async () => (await client.GetAsync(Report)).StatusCode,
            code => code != HttpStatusCode.TooManyRequests,
            "the shared bucket to refill");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Redis_down_lets_requests_through_counts_the_errors_warns_once_reports_degraded_and_recovers()
    {
        await using var redis = await RedisProcess.StartNewAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = Limited(database, redis.Address, RedisServer.UniquePrefix(), burst: 1, periodSeconds: 3600, logging: true);
        using var client = factory.CreateClientWithKey();
        using var anonymous = factory.CreateClient();
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        using var storeErrors = new MetricCollector<long>(meters, RedisMetrics.MeterName, "paydesk.ratelimit.store_errors");
        using var latency = new MetricCollector<double>(meters, RedisMetrics.MeterName, "paydesk.redis.command.duration");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Report)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(Report)).StatusCode);

        await redis.KillAsync();
        var whileDown = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            whileDown.Add((await client.GetAsync(Report)).StatusCode);
        }

        var degraded = await Eventually.Until(() => anonymous.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "readiness while Redis is down");
        var degradedBody = await degraded.ReadJsonAsync();
        var warnings = factory.Services.GetFakeLogCollector().GetSnapshot()
            .Count(r => r.Level == LogLevel.Warning && r.Message.Contains("rate limit store", StringComparison.Ordinal));

        await redis.StartAsync();
        var limitedAgain = await Eventually.Until(
            async () => (await client.GetAsync(Report)).StatusCode,
            code => code == HttpStatusCode.TooManyRequests,
            "the limiter to reconnect and limit again");
        var healthy = await Eventually.Until(
            async () => (await (await anonymous.GetAsync("/health/ready")).ReadJsonAsync()).GetProperty("checks").GetProperty("redis").Str("status"),
            status => status == "Healthy",
            "readiness to report Redis healthy again");

        Assert.All(whileDown, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(storeErrors.GetMeasurementSnapshot().Sum(m => m.Value) >= 5, "every request let through while Redis was down is counted");
        Assert.Equal(1, warnings);
        Assert.Equal("Degraded", degradedBody.Str("status"));
        Assert.Equal("Degraded", degradedBody.GetProperty("checks").GetProperty("redis").Str("status"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedAgain);
        Assert.Equal("Healthy", healthy);
        Assert.Contains(latency.GetMeasurementSnapshot(), m => Equals(m.Tags["command"], "ratelimit") && Equals(m.Tags["outcome"], "ok"));
        Assert.Contains(latency.GetMeasurementSnapshot(), m => Equals(m.Tags["command"], "ratelimit") && Equals(m.Tags["outcome"], "error"));
    }

    private static PaydeskApiFactory Limited(TestDatabase database, string redis, string prefix, int burst, double periodSeconds, bool logging = false) =>
        new(
            database,
            settings: new Dictionary<string, string?>
            {
                ["Redis:Configuration"] = redis,
                ["Redis:KeyPrefix"] = prefix,
                // On a loaded machine a command can take longer than the production 500 ms; the
                // limiter would then fail open by design and let through what these tests count.
                ["Redis:CommandTimeout"] = "00:00:05",
                ["RateLimiting:Burst"] = burst.ToString(CultureInfo.InvariantCulture),
                ["RateLimiting:PermitsPerPeriod"] = "1",
                ["RateLimiting:PeriodSeconds"] = periodSeconds.ToString(CultureInfo.InvariantCulture),
                ["Health:CacheSeconds"] = "0",
            },
            configure: logging ? builder => builder.ConfigureLogging(l => l.AddFakeLogging()) : null);
}
