using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Instances;

/// <summary>
/// Sends requests to the instances round robin, as a load balancer without sticky sessions would.
/// A charge that meets a dead instance, or a key still in flight, is sent again with the same
/// idempotency key to the next instance, as a client retries.
/// </summary>
internal sealed class ClusterLoad : IDisposable
{
    private static readonly TimeSpan RetryDeadline = TimeSpan.FromMinutes(2);

    private readonly List<HttpClient> _clients;
    private long _next;
    private long _retries;

    public ClusterLoad(InstanceCluster cluster)
    {
        _clients = cluster.Instances.Select(i => i.CreateClient(PaydeskApiFactory.ApiKey)).ToList();
        Answered = new long[_clients.Count];
    }

    /// <summary>201/202 answers, by instance.</summary>
    public long[] Answered { get; }

    /// <summary>Attempts that failed (dead instance, key in flight) and were sent again.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public HttpClient Client(int instance) => _clients[instance];

    public async Task<List<string>> RegisterUsersAsync(int count)
    {
        var users = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, count, async (i, _) =>
        {
            var response = await _clients[i % _clients.Count].PostAsJsonAsync("/v1/users", new { email = $"scale-{Guid.NewGuid():N}@example.com", name = "Scale Out" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            users.Add((await response.ReadJsonAsync()).Id());
        });
        return [.. users];
    }

    /// <summary>
    /// <paramref name="count"/> charges, <paramref name="parallelism"/> at a time; calls
    /// <paramref name="onAnswered"/> after each. Returns each idempotency key's payment id.
    /// </summary>
    public async Task<ConcurrentDictionary<string, string>> ChargeAsync(
        IReadOnlyList<string> users, int count, int parallelism, string source = "pm_card_visa", Func<long, Task>? onAnswered = null)
    {
        var payments = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        long answered = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        {
            var key = Guid.NewGuid().ToString();
            var body = new { userId = users[i % users.Count], amount = 1000 + i, currency = "USD", source, description = "Scale-out load" };
            var id = await Eventually.Until(() => TryChargeAsync(key, body), id => id is not null, RetryDeadline, $"charge {key} to be accepted");
            payments[key] = id!;
            if (onAnswered is not null)
            {
                await onAnswered(Interlocked.Increment(ref answered));
            }
        });
        return payments;
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private async Task<string?> TryChargeAsync(string key, object body)
    {
        var instance = (int)(Interlocked.Increment(ref _next) % _clients.Count);
        try
        {
            using var response = await _clients[instance].PostJsonAsync("/v1/payments", body, key);
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.OK)
            {
                Interlocked.Increment(ref Answered[instance]);
                return (await response.ReadJsonAsync()).Id();
            }

            // 409 (the key is still in flight where the dead instance left it) and 5xx are retried.
            Assert.True(
                response.StatusCode is HttpStatusCode.Conflict || (int)response.StatusCode >= 500,
                $"charge answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        catch (HttpRequestException)
        {
            // The instance is gone: the next attempt goes to another one.
        }

        Interlocked.Increment(ref _retries);
        return null;
    }
}
