using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Paydesk.Sandbox;

/// <summary>PaymentIntents: create (and confirm), retrieve, search by metadata, and later settlement.</summary>
internal sealed partial class EmulatorApi
{
    private EmulatorResponse SearchPaymentIntents(string path, IQueryCollection query)
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

    private EmulatorResponse RetrievePaymentIntent(string id, bool expandCharge) =>
        _paymentIntents.TryGetValue(id, out var intent) ? Looked(intent, expandCharge) : EmulatorResponse.NotFound("payment_intent", id, "intent");

    private EmulatorResponse Looked(EmulatedPaymentIntent intent, bool expandCharge)
    {
        if (intent.Metadata.TryGetValue(PaymentIdMetadataKey, out var paymentId))
        {
            CountLookup(paymentId);
        }

        return EmulatorResponse.Ok(PaymentIntentJson(intent, expandCharge));
    }

    private void CountLookup(string paymentId) => _lookupsPerPayment[paymentId] = _lookupsPerPayment.GetValueOrDefault(paymentId) + 1;

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

        if (ReturnUrl(form, out var returnUrl) is { } invalid)
        {
            return invalid;
        }

        var captureMethod = form.GetValueOrDefault("capture_method") ?? "automatic";
        if (captureMethod is not ("automatic" or "automatic_async" or "manual"))
        {
            return EmulatorResponse.InvalidRequest("Invalid capture_method: must be one of automatic, automatic_async, or manual", "capture_method");
        }

        lock (_gate)
        {
            var customer = form.GetValueOrDefault("customer");
            if (customer is not null && !_customers.ContainsKey(customer))
            {
                return EmulatorResponse.InvalidRequest($"No such customer: '{customer}'", "customer", "resource_missing");
            }

            if (CheckUsable(form.GetValueOrDefault("payment_method"), customer, out var method) is { } unusable)
            {
                return unusable;
            }

            var id = NewId("pi");
            var pi = new EmulatedPaymentIntent
            {
                Id = id,
                ClientSecret = ClientSecretFor(id),
                Status = "requires_confirmation",
                Amount = amount,
                Currency = currency,
                CaptureMethod = captureMethod,
                PaymentMethod = method.Id,
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

            var expandCharge = ExpandsLatestCharge(form);
            return form.GetValueOrDefault("confirm") == "true"
                ? Charge(pi, method, OffSession(form), returnUrl, expandCharge)
                : EmulatorResponse.Ok(PaymentIntentJson(pi, expandCharge));
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

    [GeneratedRegex("^[a-z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex(@"^\s*metadata\[['""](?<key>[^'""]+)['""]\]\s*:\s*['""](?<value>[^'""]*)['""]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MetadataQuery();

    [LoggerMessage(Level = LogLevel.Error, Message = "The sandbox could not settle PaymentIntent {PaymentIntentId}")]
    private static partial void LogSettlementFailed(ILogger logger, Exception exception, string paymentIntentId);
}
