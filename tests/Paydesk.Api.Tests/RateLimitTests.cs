using System.Net;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>
/// The per-key token bucket. Each test runs its own service with its own small bucket, so the
/// limit is reached on purpose and never by another test.
/// </summary>
public sealed class RateLimitTests
{
    private const string Report = "/v1/reports/daily-totals?from=2026-01-01&to=2026-01-02";

    [Fact]
    public async Task A_key_past_its_burst_gets_429_with_Retry_After_while_other_keys_and_health_go_on()
    {
        // Three at once, then one an hour: the fourth request is refused for the rest of the test.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = Limited(database, burst: 3, permits: 1, periodSeconds: 3600);
        using var primary = factory.CreateClientWithKey(PaydeskApiFactory.ApiKey);
        using var other = factory.CreateClientWithKey(PaydeskApiFactory.OtherApiKey);
        using var anonymous = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await primary.GetAsync(Report)).StatusCode);
        }

        var limited = await primary.GetAsync(Report);

        var problem = await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(problem.GetProperty("detail").GetString());
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(Report)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task Unknown_keys_are_refused_without_using_a_real_keys_tokens()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = Limited(database, burst: 1, permits: 1, periodSeconds: 3600);
        using var intruder = factory.CreateClientWithKey("sk_test_unknown_key_that_is_not_configured");
        using var primary = factory.CreateClientWithKey();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await intruder.GetAsync(Report)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await primary.GetAsync(Report)).StatusCode);
    }

    [Fact]
    public async Task The_bucket_refills_and_the_key_is_let_in_again()
    {
        // One token back every two seconds, slow enough that even a starved machine spends the burst
        // before it refills: find the limit, then poll (with a deadline) until it lifts.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = Limited(database, burst: 2, permits: 1, periodSeconds: 2);
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
            "the bucket to refill");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static PaydeskApiFactory Limited(TestDatabase database, int burst, int permits, double periodSeconds) =>
        new(database, settings: new Dictionary<string, string?>
        {
            ["RateLimiting:Burst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimiting:PermitsPerPeriod"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimiting:PeriodSeconds"] = periodSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
