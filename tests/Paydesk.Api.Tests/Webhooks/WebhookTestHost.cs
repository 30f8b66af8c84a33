using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Webhooks;

/// <summary>A Paydesk service on a database of its own whose webhook worker runs, with a short retry schedule.</summary>
internal sealed class WebhookTestHost : IAsyncDisposable
{
    private WebhookTestHost(TestDatabase database, PaydeskApiFactory factory)
    {
        Database = database;
        Factory = factory;
        Client = factory.CreateClientWithKey();
    }

    public TestDatabase Database { get; }

    public PaydeskApiFactory Factory { get; }

    public HttpClient Client { get; }

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Webhooks:RequireHttps"] = "false",
            ["Webhooks:AllowPrivateNetworks"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.050",
            ["Webhooks:Timeout"] = "00:00:05",
            ["Webhooks:RetrySchedule:0"] = "00:00:05",
            ["Webhooks:RetrySchedule:1"] = "00:01:00",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<WebhookTestHost> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var factory = new PaydeskApiFactory(database, clock, settings ?? Settings());
        _ = factory.Server;
        return new WebhookTestHost(database, factory);
    }

    /// <summary>Registers an endpoint; returns its id and secret.</summary>
    public async Task<(string Id, string Secret)> CreateEndpointAsync(Uri url, params string[] eventTypes)
    {
        var response = await Client.PostJsonAsync("/v1/webhook-endpoints", new { url, eventTypes }, null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("endpoint").Id(), body.Str("secret"));
    }

    public async Task<JsonElement> EventAsync(string id) => await (await Client.GetAsync($"/v1/events/{id}")).ReadJsonAsync();

    /// <summary>Waits until the event's only delivery has made <paramref name="attempts"/> attempts; returns that delivery.</summary>
    /// <remarks>The delivery is read before its attempts, so once it counts them its log holds them all.</remarks>
    public Task<JsonElement> DeliveryAfterAsync(string eventId, int attempts) =>
        Eventually.Until(
            async () => (await EventAsync(eventId)).GetProperty("deliveries").EnumerateArray().FirstOrDefault(),
            d => d.ValueKind == JsonValueKind.Object && d.GetProperty("attempts").GetInt32() >= attempts,
            $"attempt {attempts} of event {eventId} stored");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
