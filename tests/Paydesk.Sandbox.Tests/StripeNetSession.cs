using System.Collections.Concurrent;
using System.Text.Json;
using Stripe;

namespace Paydesk.Sandbox.Tests;

/// <summary>An emulator on a loopback port, a Stripe.net client pointed at it, and the webhooks it sent.</summary>
internal sealed class StripeNetSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonElement> _events = new();

    private StripeNetSession(StripeEmulator emulator)
    {
        Emulator = emulator;
        Client = new StripeClient(new StripeClientOptions { ApiKey = TestKeys.SecretKey, ApiBase = emulator.BaseAddress.ToString().TrimEnd('/') });
        emulator.WebhookTransport = (payload, _, _) =>
        {
            using var json = JsonDocument.Parse(payload);
            _events.Enqueue(json.RootElement.Clone());
            return Task.CompletedTask;
        };
    }

    public StripeEmulator Emulator { get; }

    public StripeClient Client { get; }

    public static async Task<StripeNetSession> StartAsync(Action<StripeEmulatorOptions>? configure = null, TimeProvider? clock = null)
    {
        var options = new StripeEmulatorOptions
        {
            SecretKey = TestKeys.SecretKey,
            ProcessingDelay = TimeSpan.FromHours(1),
            WebhookSecret = "whsec_stripe_net_tests",
        };
        configure?.Invoke(options);
        return new(await StripeEmulator.StartAsync(options, clock));
    }

    /// <summary>The events sent so far about the object, as (type, data.object), in the order they were sent.</summary>
    public IReadOnlyList<(string Type, JsonElement Object)> EventsFor(string objectId) =>
        [.. _events
            .Select(e => (Type: e.GetProperty("type").GetString()!, Object: e.GetProperty("data").GetProperty("object")))
            .Where(e => e.Object.GetProperty("id").GetString() == objectId)];

    /// <summary>The types of the events sent so far about the object, in order.</summary>
    public IReadOnlyList<string> EventTypesFor(string objectId) => [.. EventsFor(objectId).Select(e => e.Type)];

    public async Task<Customer> CreateCustomerAsync() =>
        await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "ada@example.com" });

    public async Task<PaymentMethod> SaveAsync(string token, string customerId) =>
        await Client.V1.PaymentMethods.AttachAsync(token, new PaymentMethodAttachOptions { Customer = customerId });

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
