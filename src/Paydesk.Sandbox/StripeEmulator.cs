using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Paydesk.Sandbox;

/// <summary>
/// A stateful, Stripe-compatible HTTP server on loopback (Kestrel) that Stripe.net talks to through
/// its <c>ApiBase</c>: the PaymentIntent (with manual capture), Charge, Dispute, SetupIntent,
/// PaymentMethod, Refund and Customer endpoints Paydesk uses, Stripe's form encoding, error JSON, idempotency and test payment methods, a 3-D
/// Secure page for the customer's browser, and fault injection for tests.
/// </summary>
public sealed partial class StripeEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorApi _api;

    private StripeEmulator(WebApplication app, EmulatorApi api, Uri baseAddress)
    {
        _app = app;
        _api = api;
        BaseAddress = baseAddress;
    }

    /// <summary>The <c>ApiBase</c> to give Stripe.net, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; }

    public FaultInjector Faults => _api.Faults;

    /// <summary>Where webhooks go; replace it to deliver them some other way (tests deliver them in memory).</summary>
    public Func<string, string, CancellationToken, Task>? WebhookTransport
    {
        get => _api.Webhooks.Transport;
        set => _api.Webhooks.Transport = value;
    }

    /// <summary>How many PaymentIntents were created for the Paydesk payment id in their metadata.</summary>
    public int PaymentIntentsCreatedFor(Guid paymentId) => _api.CountPaymentIntents(paymentId.ToString());

    /// <summary>How many times the PaymentIntent of the Paydesk payment was looked up (retrieved or searched by metadata).</summary>
    public int LookupsFor(Guid paymentId) => _api.CountLookups(paymentId.ToString());

    /// <summary>Requests the emulator is handling right now (a delayed one is still in flight after its client gave up).</summary>
    public int InFlightRequests => _api.InFlight;

    /// <summary>Idempotency keys held by a request that is still running (a repeat with one of them gets 409).</summary>
    public int IdempotencyKeysInProgress => _api.IdempotencyKeysInProgress;

    /// <summary>API requests to create a PaymentIntent that reached the emulator (replays and faults included).</summary>
    public int ChargeRequests => _api.ChargeRequests;

    /// <summary>The emulator host's own configuration (tests check that it watches no files).</summary>
    internal IConfiguration Configuration => _app.Configuration;

    /// <summary>API requests to create a Refund that reached the emulator (replays and faults included).</summary>
    public int RefundRequests => _api.RefundRequests;

    /// <summary>How many customers the emulator holds whose metadata has <paramref name="key"/> = <paramref name="value"/>.</summary>
    public int CustomersWithMetadata(string key, string value) =>
        _api.CountCustomers(metadata => metadata.TryGetValue(key, out var found) && found == value);

    /// <summary>The PaymentIntent's current Stripe status, or null when the emulator has none for the payment.</summary>
    public string? PaymentIntentStatusFor(Guid paymentId) => _api.StatusFor(paymentId.ToString());

    /// <summary>The id of the PaymentIntent created for the Paydesk payment, or null.</summary>
    public string? PaymentIntentIdFor(Guid paymentId) => _api.IdFor(paymentId.ToString());

    public static async Task<StripeEmulator> StartAsync(StripeEmulatorOptions options, TimeProvider? clock = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(StripeEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Sandbox",

            // Nothing here reads the configuration files; watching them would make every file the
            // host writes under the same content root (emails, SQLite) wake a file watcher.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        var logger = (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<StripeEmulator>();
        var api = new EmulatorApi(options, clock ?? TimeProvider.System, logger);
        app.Run(api.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        api.PageOrigin = baseAddress;
        LogStarted(logger, baseAddress);
        return new StripeEmulator(app, api, baseAddress);
    }

    /// <summary>Settles a <c>processing</c> PaymentIntent now (it succeeds) and sends its webhook.</summary>
    public Task SettleAsync(string paymentIntentId, CancellationToken cancellationToken) => _api.SettleAsync(paymentIntentId, cancellationToken);

    /// <summary>
    /// Settles a <c>requires_action</c> PaymentIntent or SetupIntent as its 3-D Secure page's
    /// <b>Complete authentication</b> (or <b>Fail authentication</b>) button does, webhook included,
    /// for tests without a browser. False when it was not waiting for authentication.
    /// </summary>
    public async Task<bool> AuthenticateAsync(string intentId, bool complete, CancellationToken cancellationToken) =>
        (await _api.AuthenticateAsync(intentId, token: null, complete, cancellationToken)).Settled;

    /// <summary>
    /// Lapses a <c>requires_capture</c> authorization now, as <see cref="StripeEmulatorOptions.AuthorizationLifetime"/>
    /// running out does (<c>canceled</c>, <c>automatic</c>, <c>payment_intent.canceled</c> sent before it returns).
    /// False when the intent was not waiting for capture.
    /// </summary>
    public Task<bool> LapseAuthorizationAsync(string paymentIntentId, CancellationToken cancellationToken) =>
        _api.LapseAuthorizationAsync(paymentIntentId, cancellationToken);

    /// <summary>The id of the dispute of the Paydesk payment's PaymentIntent (a <see cref="SandboxPaymentMethods.CreateDispute"/> charge), or null while none is open.</summary>
    public string? DisputeIdFor(Guid paymentId) => _api.DisputeIdFor(paymentId.ToString());

    /// <summary>
    /// Submits <c>evidence[uncategorized_text]</c> as <c>POST /v1/disputes/{id}</c> does
    /// (<c>winning_evidence</c> wins, <c>losing_evidence</c> loses, anything else is under review)
    /// and returns the dispute's new status once its webhooks are sent.
    /// </summary>
    /// <exception cref="InvalidOperationException">The emulator refused it (unknown or already answered dispute).</exception>
    public async Task<string> SubmitDisputeEvidenceAsync(string disputeId, string evidence, CancellationToken cancellationToken) =>
        Answered(await _api.RespondToDisputeAsync(disputeId, evidence, cancellationToken));

    /// <summary>Accepts the dispute as <c>POST /v1/disputes/{id}/close</c> does (<c>lost</c>) and returns once <c>charge.dispute.closed</c> is sent.</summary>
    /// <exception cref="InvalidOperationException">The emulator refused it (unknown or already answered dispute).</exception>
    public async Task<string> CloseDisputeAsync(string disputeId, CancellationToken cancellationToken) =>
        Answered(await _api.RespondToDisputeAsync(disputeId, evidence: null, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static string Answered((bool Done, string StatusOrError) answer) =>
        answer.Done ? answer.StatusOrError : throw new InvalidOperationException(answer.StatusOrError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe-compatible sandbox listening on {BaseAddress}")]
    private static partial void LogStarted(ILogger logger, Uri baseAddress);
}
