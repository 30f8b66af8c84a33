using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Paydesk.Sandbox;

/// <summary>
/// The emulator's request handling: authentication, faults, idempotency, then the resource. The
/// resources are in the other parts of this class, one file each.
/// </summary>
internal sealed partial class EmulatorApi : IDisposable
{
    public const string PaymentIdMetadataKey = "paydesk_payment_id";

    private readonly StripeEmulatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly EmulatorIdempotency _idempotency;
    private readonly Lock _gate = new();
    private readonly BoundedMap<EmulatedPaymentIntent> _paymentIntents;
    private readonly BoundedMap<EmulatedCharge> _charges;
    private readonly BoundedMap<EmulatedDispute> _disputes;
    private readonly BoundedMap<EmulatedRefund> _refunds;
    private readonly BoundedMap<EmulatedCustomer> _customers;
    private readonly BoundedMap<EmulatedPaymentMethod> _paymentMethods;
    private readonly BoundedMap<EmulatedSetupIntent> _setupIntents;
    private readonly BoundedMap<int> _createdPerPayment;
    private readonly BoundedMap<int> _lookupsPerPayment;
    private readonly CancellationTokenSource _stopping = new();
    private int _chargeRequests;
    private int _refundRequests;
    private int _inFlight;

    public EmulatorApi(StripeEmulatorOptions options, TimeProvider clock, ILogger logger)
    {
        _options = options;
        _clock = clock;
        _logger = logger;
        _idempotency = new EmulatorIdempotency(options.MaxObjects);
        _paymentIntents = new(options.MaxObjects);
        _charges = new(options.MaxObjects);
        _disputes = new(options.MaxObjects);
        _refunds = new(options.MaxObjects);
        _customers = new(options.MaxObjects);
        _paymentMethods = new(options.MaxObjects);
        _setupIntents = new(options.MaxObjects);
        _createdPerPayment = new(options.MaxObjects);
        _lookupsPerPayment = new(options.MaxObjects);
        Faults = new FaultInjector(options.FaultRate, options.FaultSeed);
        Webhooks = new EmulatorWebhooks(options, clock, logger);
    }

    public FaultInjector Faults { get; }

    public EmulatorWebhooks Webhooks { get; }

    public int ChargeRequests => Volatile.Read(ref _chargeRequests);

    public int RefundRequests => Volatile.Read(ref _refundRequests);

    public int InFlight => Volatile.Read(ref _inFlight);

    public int IdempotencyKeysInProgress => _idempotency.InProgress;

    public async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await HandleCoreAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (HttpMethods.IsPost(request.Method) && path == "/v1/payment_intents")
        {
            Interlocked.Increment(ref _chargeRequests);
        }
        else if (HttpMethods.IsPost(request.Method) && path == "/v1/refunds")
        {
            Interlocked.Increment(ref _refundRequests);
        }

        if (path.StartsWith(AuthenticationPagePath, StringComparison.Ordinal))
        {
            // The customer's browser, not an API client: no key, no faults.
            await HandleAuthenticationPageAsync(context, path);
            return;
        }

        var auth = request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !FixedTimeEquals(auth["Bearer ".Length..], _options.SecretKey))
        {
            await WriteAsync(context, EmulatorResponse.Error(401, "invalid_request_error", "Invalid API Key provided.", "api_key_invalid"));
            return;
        }

        var fault = Faults.Next(path);
        if (fault == EmulatorFault.ServerError)
        {
            await WriteAsync(context, EmulatorResponse.Error(500, "api_error", "Sandbox fault: an error occurred with our connection to Stripe."));
            return;
        }

        // A delayed request is handled anyway after the client gave up, as a slow gateway would. A POST
        // holds its idempotency key meanwhile, so a retry with that key gets 409 until it is done.
        var delay = (fault == EmulatorFault.Delay ? _options.FaultDelay : TimeSpan.Zero) + LatencyOf(request.Method, path);
        EmulatorResponse response;
        if (HttpMethods.IsPost(request.Method))
        {
            response = await PostAsync(context, path, delay);
        }
        else
        {
            await DelayAsync(delay);
            response = Get(path, request.Query);
        }

        if (fault == EmulatorFault.DropResponse)
        {
            context.Abort();
            return;
        }

        await WriteAsync(context, response);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static async Task WriteAsync(HttpContext context, EmulatorResponse response, bool replayed = false)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = $"req_{Guid.NewGuid():N}";
        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        await context.Response.WriteAsync(response.Body.ToJsonString(), CancellationToken.None);
    }

    /// <summary>The configured latency for the calls that charge (a PaymentIntent's create and confirm), none for the rest.</summary>
    private TimeSpan LatencyOf(string method, string path) =>
        HttpMethods.IsPost(method) && (path == "/v1/payment_intents" || (path.StartsWith("/v1/payment_intents/", StringComparison.Ordinal) && path.EndsWith("/confirm", StringComparison.Ordinal)))
            ? _options.Latency
            : TimeSpan.Zero;

    private Task DelayAsync(TimeSpan delay) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, _clock, _stopping.Token) : Task.CompletedTask;

    private static EmulatorResponse Unrecognized(string method, string path) =>
        EmulatorResponse.Error(404, "invalid_request_error", $"Unrecognized request URL ({method}: {path}).", "resource_missing");
}
