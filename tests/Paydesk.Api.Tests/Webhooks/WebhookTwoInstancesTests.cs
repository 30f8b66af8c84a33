using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Webhooks;

/// <summary>Two Paydesk instances on one database: each delivery is attempted by one of them, once.</summary>
public abstract class WebhookTwoInstancesTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Two_instances_deliver_each_event_once()
    {
        const int Events = 30;
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var first = await WebhookTestHost.StartAsync(provider);
        await using var second = new PaydeskApiFactory(first.Database, settings: WebhookTestHost.Settings());
        _ = second.Server;
        await first.CreateEndpointAsync(receiver.Url, "user.registered");
        using var secondClient = second.CreateClientWithKey();

        await Task.WhenAll(Enumerable.Range(0, Events).Select(i => (i % 2 == 0 ? first.Client : secondClient).RegisterUserAsync()));

        var received = await Eventually.Until(() => Task.FromResult(receiver.Received), r => r.Count >= Events, "every event delivered");
        var page = await (await first.Client.GetAsync("/v1/events?limit=100")).ReadJsonAsync();
        foreach (var e in page.GetProperty("data").EnumerateArray())
        {
            await Eventually.Until(
                async () => (await first.EventAsync(e.Id())).GetProperty("deliveries")[0].Str("status"), s => s == "succeeded", "delivery stored");
        }

        // Every attempt was made by one instance: the receiver saw exactly the attempts the log holds.
        var attempts = 0;
        foreach (var e in page.GetProperty("data").EnumerateArray())
        {
            attempts += (await first.EventAsync(e.Id())).GetProperty("deliveries")[0].GetProperty("attempts").GetInt32();
        }

        Assert.Equal(attempts, receiver.Received.Count);
        Assert.Equal(Events, received.Count);
        Assert.Equal(Events, received.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
    }
}

public sealed class SqliteWebhookTwoInstancesTests() : WebhookTwoInstancesTests(DatabaseProvider.Sqlite);

public sealed class PostgresWebhookTwoInstancesTests() : WebhookTwoInstancesTests(DatabaseProvider.Postgres);
