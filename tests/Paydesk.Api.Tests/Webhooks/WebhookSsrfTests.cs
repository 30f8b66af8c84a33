using System.Text.Json;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Webhooks;

/// <summary>Without <c>Webhooks:AllowPrivateNetworks</c>, no delivery reaches loopback, private, link-local or metadata addresses.</summary>
public sealed class WebhookSsrfTests
{
    [Fact]
    public async Task Deliveries_to_loopback_private_metadata_and_names_resolving_to_them_are_refused()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = WebhookTestHost.Settings(("Webhooks:AllowPrivateNetworks", "false"));
        await using var host = await WebhookTestHost.StartAsync(DatabaseProvider.Sqlite, settings);
        Uri[] urls =
        [
            receiver.Url,
            new UriBuilder(receiver.Url) { Host = "localhost" }.Uri,
            new("http://10.1.2.3/hook"),
            new("http://169.254.169.254/latest/meta-data/"),
            new("http://[::1]:9/hook"),
        ];
        foreach (var url in urls)
        {
            await host.CreateEndpointAsync(url, "*");
        }

        await host.Client.RegisterUserAsync();
        var eventId = (await (await host.Client.GetAsync("/v1/events")).ReadJsonAsync()).GetProperty("data")[0].Id();
        var deliveries = await Eventually.Until(
            async () => (await host.EventAsync(eventId)).GetProperty("deliveries").EnumerateArray().ToList(),
            d => d.Count == urls.Length && d.All(x => x.GetProperty("attemptLog").GetArrayLength() >= 1),
            "an attempt per endpoint");

        Assert.All(deliveries, d =>
        {
            var attempt = d.GetProperty("attemptLog")[0];
            Assert.StartsWith("refused_address", attempt.Str("error"), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
        });
        Assert.Empty(receiver.Received);
    }
}
