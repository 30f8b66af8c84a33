using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Paydesk.Infrastructure.External.PaymentGateway.Sandbox;

/// <summary>The emulator's request handling: authentication, faults, idempotency, then the resource.</summary>
internal sealed partial class EmulatorApi : IDisposable
{
    public const string PaymentIdMetadataKey = "paydesk_payment_id";

    private readonly StripeEmulatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly EmulatorIdempotency _idempotency;
    private readonly Lock _gate = new();
    private readonly BoundedMap<EmulatedPaymentIntent> _paymentIntents;
    private readonly BoundedMap<EmulatedRefund> _refunds;
    private readonly BoundedMap<EmulatedCustomer> _customers;
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
        _refunds = new(options.MaxObjects);
        _customers = new(options.MaxObjects);
        _createdPerPayment = new(options.MaxObjects);
        _lookupsPerPayment = new(options.MaxObjects);
        Faults = new FaultInjector(options.FaultRate, options.FaultSeed);
        Webhooks = new EmulatorWebhooks(options, clock, logger);
    }

    public FaultInjector Faults { get; }

    public EmulatorWebhooks Webhooks { get; }

    public int ChargeRequests => Volatile.Read(ref _chargeRequests);

    public int RefundRequests => Volatile.Read(ref _refundRequests);

    public int CountPaymentIntents(string paymentId)
    {
        lock (_gate)
        {
            return _createdPerPayment.GetValueOrDefault(paymentId);
        }
    }

    public int CountLookups(string paymentId)
    {
        lock (_gate)
        {
            return _lookupsPerPayment.GetValueOrDefault(paymentId);
        }
    }

    public string? StatusFor(string paymentId) => FindFor(paymentId)?.Status;

    public string? IdFor(string paymentId) => FindFor(paymentId)?.Id;

    private EmulatedPaymentIntent? FindFor(string paymentId)
    {
        lock (_gate)
        {
            return _paymentIntents.Values.FirstOrDefault(pi => pi.Metadata.TryGetValue(PaymentIdMetadataKey, out var id) && id == paymentId);
        }
    }

    public int InFlight => Volatile.Read(ref _inFlight);

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
        var delay = fault == EmulatorFault.Delay ? _options.FaultDelay : TimeSpan.Zero;
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

    public async Task SettleAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        JsonObject snapshot;
        lock (_gate)
        {
            if (!_paymentIntents.TryGetValue(paymentIntentId, out var pi) || pi.Status != "processing")
            {
                return;
            }

            pi.Status = "succeeded";
            pi.AmountReceived = pi.Amount;
            snapshot = pi.ToJson();
        }

        await Webhooks.SendAsync("payment_intent.succeeded", snapshot, cancellationToken);
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

    private Task DelayAsync(TimeSpan delay) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, _clock, _stopping.Token) : Task.CompletedTask;

    private async Task<EmulatorResponse> PostAsync(HttpContext context, string path, TimeSpan delay)
    {
        Dictionary<string, string> form;
        try
        {
            form = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync(CancellationToken.None)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (InvalidDataException)
        {
            return EmulatorResponse.InvalidRequest("The request body could not be decoded as form data.");
        }

        Func<Dictionary<string, string>, EmulatorResponse> handler = path switch
        {
            "/v1/payment_intents" => CreatePaymentIntent,
            "/v1/refunds" => CreateRefund,
            "/v1/customers" => CreateCustomer,
            _ => _ => EmulatorResponse.Error(404, "invalid_request_error", $"Unrecognized request URL (POST: {path}).", "resource_missing"),
        };

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            await DelayAsync(delay);
            return handler(form);
        }

        var scope = context.Request.Headers.Authorization.ToString();
        var fingerprint = Fingerprint(path, form);
        var (claim, stored) = _idempotency.TryStart(scope, key, fingerprint);
        switch (claim)
        {
            case EmulatorIdempotency.Claim.Replay:
                context.Response.Headers["Idempotent-Replayed"] = "true";
                return stored!;
            case EmulatorIdempotency.Claim.InProgress:
                return EmulatorResponse.Error(409, "idempotency_error", "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.", "idempotency_key_in_use");
            case EmulatorIdempotency.Claim.Mismatch:
                return EmulatorResponse.Error(400, "idempotency_error", $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.");
        }

        EmulatorResponse response;
        try
        {
            await DelayAsync(delay);
            response = handler(form);
        }
        catch
        {
            _idempotency.Forget(scope, key);
            throw;
        }

        if (response.Status == 400 && response.Body["error"]?["type"]?.GetValue<string>() == "invalid_request_error")
        {
            // Stripe keeps no result for a request whose parameters failed validation.
            _idempotency.Forget(scope, key);
        }
        else
        {
            _idempotency.Complete(scope, key, response);
        }

        return response;
    }

    private static string Fingerprint(string path, Dictionary<string, string> form) =>
        path + "?" + string.Join('&', form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private EmulatorResponse Get(string path, IQueryCollection query)
    {
        lock (_gate)
        {
            if (path == "/v1/payment_intents/search")
            {
                var match = MetadataQuery().Match(query["query"].ToString());
                if (!match.Success)
                {
                    return EmulatorResponse.InvalidRequest("The sandbox supports search queries of the form metadata['key']:'value'.", "query");
                }

                if (match.Groups["key"].Value == PaymentIdMetadataKey)
                {
                    CountLookup(match.Groups["value"].Value);
                }

                var found = _paymentIntents.Values
                    .Where(pi => pi.Metadata.TryGetValue(match.Groups["key"].Value, out var v) && v == match.Groups["value"].Value)
                    .OrderByDescending(pi => pi.Created)
                    .Select(pi => (JsonNode)pi.ToJson());
                return EmulatorResponse.Ok(List(found, "search_result", path));
            }

            if (path == "/v1/refunds")
            {
                var intent = query["payment_intent"].ToString();
                var found = _refunds.Values.Where(r => intent.Length == 0 || r.PaymentIntent == intent).Select(r => (JsonNode)r.ToJson());
                return EmulatorResponse.Ok(List(found, "list", path));
            }

            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments is ["v1", var collection, var id])
            {
                return collection switch
                {
                    "payment_intents" => _paymentIntents.TryGetValue(id, out var pi) ? Looked(pi) : EmulatorResponse.NotFound("payment_intent", id, "intent"),
                    "refunds" => _refunds.TryGetValue(id, out var re) ? EmulatorResponse.Ok(re.ToJson()) : EmulatorResponse.NotFound("refund", id, "id"),
                    "customers" => _customers.TryGetValue(id, out var cu) ? EmulatorResponse.Ok(cu.ToJson()) : EmulatorResponse.NotFound("customer", id, "id"),
                    _ => EmulatorResponse.Error(404, "invalid_request_error", $"Unrecognized request URL (GET: {path}).", "resource_missing"),
                };
            }

            return EmulatorResponse.Error(404, "invalid_request_error", $"Unrecognized request URL (GET: {path}).", "resource_missing");
        }
    }

    private EmulatorResponse Looked(EmulatedPaymentIntent intent)
    {
        if (intent.Metadata.TryGetValue(PaymentIdMetadataKey, out var paymentId))
        {
            CountLookup(paymentId);
        }

        return EmulatorResponse.Ok(intent.ToJson());
    }

    private void CountLookup(string paymentId) => _lookupsPerPayment[paymentId] = _lookupsPerPayment.GetValueOrDefault(paymentId) + 1;

    private static JsonObject List(IEnumerable<JsonNode> items, string kind, string url) => new()
    {
        ["object"] = kind,
        ["data"] = new JsonArray([.. items]),
        ["has_more"] = false,
        ["url"] = url,
    };

    private EmulatorResponse CreatePaymentIntent(Dictionary<string, string> form)
    {
        if (!TryAmount(form, "amount", out var amount) || amount <= 0)
        {
            return EmulatorResponse.InvalidRequest("Missing or invalid amount: a positive integer in the currency's smallest unit is required.", "amount");
        }

        var currency = form.GetValueOrDefault("currency") ?? string.Empty;
        if (!CurrencyPattern().IsMatch(currency))
        {
            return EmulatorResponse.InvalidRequest("Missing or invalid currency: a lowercase three-letter ISO code is required.", "currency");
        }

        var method = form.GetValueOrDefault("payment_method");
        if (method is null || !SandboxPaymentMethods.Behaviours.TryGetValue(method, out var behaviour))
        {
            return EmulatorResponse.InvalidRequest($"No such PaymentMethod: '{method}'", "payment_method", "resource_missing");
        }

        lock (_gate)
        {
            var customer = form.GetValueOrDefault("customer");
            if (customer is not null && !_customers.ContainsKey(customer))
            {
                return EmulatorResponse.InvalidRequest($"No such customer: '{customer}'", "customer", "resource_missing");
            }

            var pi = new EmulatedPaymentIntent
            {
                Id = NewId("pi"),
                Amount = amount,
                Currency = currency,
                PaymentMethod = method,
                Customer = customer,
                Description = form.GetValueOrDefault("description"),
                Metadata = Metadata(form),
                Created = _clock.GetUtcNow().ToUnixTimeSeconds(),
            };
            _paymentIntents[pi.Id] = pi;
            if (pi.Metadata.TryGetValue(PaymentIdMetadataKey, out var paymentId))
            {
                _createdPerPayment[paymentId] = _createdPerPayment.GetValueOrDefault(paymentId) + 1;
            }

            if (form.GetValueOrDefault("confirm") != "true")
            {
                return EmulatorResponse.Ok(pi.ToJson());
            }

            pi.LatestCharge = NewId("ch");
            if (behaviour.Succeeds)
            {
                pi.Status = "succeeded";
                pi.AmountReceived = amount;
                return EmulatorResponse.Ok(pi.ToJson());
            }

            if (behaviour.Processing)
            {
                pi.Status = "processing";
                ScheduleSettlement(pi.Id);
                return EmulatorResponse.Ok(pi.ToJson());
            }

            // A declined confirmation leaves the intent waiting for another method, and answers 402.
            pi.Status = "requires_payment_method";
            pi.LastPaymentError = (behaviour.ErrorCode!, behaviour.DeclineCode, behaviour.Message!);
            var snapshot = pi.ToJson();
            return EmulatorResponse.Error(402, "card_error", behaviour.Message!, behaviour.ErrorCode, extend: error =>
            {
                error["decline_code"] = behaviour.DeclineCode;
                error["payment_intent"] = snapshot;
            });
        }
    }

    private EmulatorResponse CreateRefund(Dictionary<string, string> form)
    {
        var intentId = form.GetValueOrDefault("payment_intent") ?? string.Empty;
        lock (_gate)
        {
            if (!_paymentIntents.TryGetValue(intentId, out var pi))
            {
                return EmulatorResponse.InvalidRequest($"No such payment_intent: '{intentId}'", "payment_intent", "resource_missing");
            }

            if (pi.Status != "succeeded")
            {
                return EmulatorResponse.InvalidRequest($"This PaymentIntent ({intentId}) does not have a successful charge to refund.", "payment_intent", "charge_not_refundable");
            }

            var remaining = pi.Amount - _refunds.Values.Where(r => r.PaymentIntent == intentId && r.Status != "failed").Sum(r => r.Amount);
            long amount = remaining;
            if (form.ContainsKey("amount") && (!TryAmount(form, "amount", out amount) || amount <= 0))
            {
                return EmulatorResponse.InvalidRequest("Invalid amount: a positive integer is required.", "amount");
            }

            if (amount > remaining)
            {
                return EmulatorResponse.InvalidRequest($"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining})", "amount", "amount_too_large");
            }

            var reason = form.GetValueOrDefault("reason");
            if (reason is not null and not ("duplicate" or "fraudulent" or "requested_by_customer"))
            {
                return EmulatorResponse.InvalidRequest("Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "reason");
            }

            var refund = new EmulatedRefund
            {
                Id = NewId("re"),
                PaymentIntent = intentId,
                Charge = pi.LatestCharge!,
                Amount = amount,
                Currency = pi.Currency,
                Reason = reason,
                Metadata = Metadata(form),
                Created = _clock.GetUtcNow().ToUnixTimeSeconds(),
            };
            _refunds[refund.Id] = refund;
            return EmulatorResponse.Ok(refund.ToJson());
        }
    }

    private EmulatorResponse CreateCustomer(Dictionary<string, string> form)
    {
        lock (_gate)
        {
            var customer = new EmulatedCustomer
            {
                Id = NewId("cus"),
                Email = form.GetValueOrDefault("email"),
                Name = form.GetValueOrDefault("name"),
                Metadata = Metadata(form),
                Created = _clock.GetUtcNow().ToUnixTimeSeconds(),
            };
            _customers[customer.Id] = customer;
            return EmulatorResponse.Ok(customer.ToJson());
        }
    }

    private void ScheduleSettlement(string paymentIntentId)
    {
        var token = _stopping.Token;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await Task.Delay(_options.ProcessingDelay, _clock, token);
                    await SettleAsync(paymentIntentId, token);
                }
                catch (OperationCanceledException)
                {
                }
#pragma warning disable CA1031 // A background settlement must never crash the process; it is logged.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogSettlementFailed(_logger, ex, paymentIntentId);
                }
            },
            CancellationToken.None);
    }

    private static bool TryAmount(Dictionary<string, string> form, string name, out long amount) =>
        long.TryParse(form.GetValueOrDefault(name), NumberStyles.None, CultureInfo.InvariantCulture, out amount);

    private static Dictionary<string, string> Metadata(Dictionary<string, string> form) =>
        form.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal) && p.Key.EndsWith(']'))
            .ToDictionary(p => p.Key["metadata[".Length..^1], p => p.Value, StringComparer.Ordinal);

    private static string NewId(string prefix) => $"{prefix}_sandbox{Guid.NewGuid():N}";

    [GeneratedRegex("^[a-z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex(@"^\s*metadata\[['""](?<key>[^'""]+)['""]\]\s*:\s*['""](?<value>[^'""]*)['""]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MetadataQuery();

    [LoggerMessage(Level = LogLevel.Error, Message = "The sandbox could not settle PaymentIntent {PaymentIntentId}")]
    private static partial void LogSettlementFailed(ILogger logger, Exception exception, string paymentIntentId);
}
