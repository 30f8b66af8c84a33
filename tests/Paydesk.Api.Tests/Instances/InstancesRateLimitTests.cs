using System.Diagnostics;
using System.Globalization;
using System.Net;
using Xunit.Abstractions;

namespace Paydesk.Api.Tests.Instances;

/// <summary>Three real processes share one API key's token bucket through Redis.</summary>
[Collection(InstancesCollection.Name)]
public sealed class InstancesRateLimitTests(ITestOutputHelper output)
{
    private const string Report = "/v1/reports/daily-totals?from=2026-01-01&to=2026-01-02";
    private const int Burst = 30;
    private const int PermitsPerPeriod = 5;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task One_key_gets_at_most_its_burst_plus_one_per_instance_across_three_and_refills_at_the_configured_rate()
    {
        await using var cluster = await InstanceCluster.StartAsync(new Dictionary<string, string>
        {
            ["Messaging:Transport"] = "InProcess",
            ["RateLimiting:Burst"] = Burst.ToString(CultureInfo.InvariantCulture),
            ["RateLimiting:PermitsPerPeriod"] = PermitsPerPeriod.ToString(CultureInfo.InvariantCulture),
            ["RateLimiting:PeriodSeconds"] = Period.TotalSeconds.ToString(CultureInfo.InvariantCulture),

            // A command slower than the short default lets its request through unlimited (fail open,
            // tested on its own); on a busy machine that would be measured here as a leaky bucket.
            ["Redis:CommandTimeout"] = "00:00:10",
        });
        var clients = cluster.Instances.Select(i => i.CreateClient(PaydeskApiFactory.ApiKey)).ToList();

        // The burst: ten times the bucket, all three instances at once.
        var burst = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 10 * Burst).Select(async i =>
        {
            using var response = await clients[i % clients.Count].GetAsync(Report);
            return response.StatusCode;
        }));
        var burstTime = burst.Elapsed;
        var burstOk = statuses.Count(s => s == HttpStatusCode.OK);
        var refilledDuringBurst = PermitsPerPeriod * (1 + (int)(burstTime / Period));

        // The refill: one request after another, round robin, for a few periods.
        var window = TimeSpan.FromSeconds(5);
        var refillOk = 0;
        var refillSent = 0;
        var refill = Stopwatch.StartNew();
        while (refill.Elapsed < window)
        {
            using var response = await clients[refillSent++ % clients.Count].GetAsync(Report);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"unexpected {(int)response.StatusCode}");
            refillOk += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        var periods = refill.Elapsed / Period;
        output.WriteLine($"burst {Burst}, {PermitsPerPeriod} per {Period.TotalSeconds} s, {InstanceCluster.Size} instances: {burstOk} of {statuses.Length} let through in {burstTime.TotalSeconds:F2} s (bound {Burst + InstanceCluster.Size} + {refilledDuringBurst} refilled)");
        output.WriteLine($"refill: {refillOk} of {refillSent} let through in {refill.Elapsed.TotalSeconds:F1} s ({refillOk / refill.Elapsed.TotalSeconds:F1}/s for a configured {PermitsPerPeriod / Period.TotalSeconds:F1}/s)");
        Assert.InRange(burstOk, Burst, Burst + InstanceCluster.Size + refilledDuringBurst);
        // Upper bound: the periods of the window, one more for the tokens that refilled between the
        // burst's last request and the window's first, one for a period boundary, one per instance.
        Assert.InRange(refillOk, PermitsPerPeriod * ((int)periods - 1), PermitsPerPeriod * ((int)periods + 2) + InstanceCluster.Size);
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
