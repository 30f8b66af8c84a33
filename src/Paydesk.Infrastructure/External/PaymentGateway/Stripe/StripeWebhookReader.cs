using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Paydesk.Application.Abstractions;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// Verifies <c>Stripe-Signature</c> against the raw body (HMAC-SHA256 of <c>"{t}.{body}"</c>, any
/// <c>v1</c> may match so that secret rotation works, constant-time comparison, a tolerance on
/// <c>t</c>) and reads the event with plain JSON, not Stripe.net's typed events, so an account whose
/// API version differs from the SDK's never breaks the endpoint.
/// </summary>
internal sealed class StripeWebhookReader(IOptions<StripeGatewayOptions> options, TimeProvider clock) : IGatewayEventReader
{
    public GatewayEvent Read(string payload, string? signatureHeader)
    {
        ArgumentNullException.ThrowIfNull(payload);
        Verify(payload, signatureHeader);
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString();
            var type = root.GetProperty("type").GetString();
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(type))
            {
                throw new InvalidGatewayEventException("The event has no id or type.");
            }

            var data = root.GetProperty("data").GetProperty("object");
            return new GatewayEvent(id, type, StripeEventChanges.Read(type, data), StripeSetupEvents.Read(type, data), StripeDisputeEvents.Read(type, data));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidGatewayEventException("The body is not a Stripe event.", ex);
        }
    }

    private void Verify(string payload, string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            throw new InvalidGatewayEventException("The Stripe-Signature header is missing.");
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0].Trim() == "t" && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair[0].Trim() == "v1" && TryHex(pair[1].Trim(), out var signature))
            {
                signatures.Add(signature);
            }
        }

        if (timestamp is null || signatures.Count == 0)
        {
            throw new InvalidGatewayEventException("The Stripe-Signature header has no timestamp or no v1 signature.");
        }

        var settings = options.Value;
        var age = clock.GetUtcNow().ToUnixTimeSeconds() - timestamp.Value;
        if (Math.Abs(age) > settings.WebhookToleranceSeconds)
        {
            throw new InvalidGatewayEventException("The Stripe-Signature timestamp is outside the tolerance.");
        }

        var expected = HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(settings.WebhookSecret),
            Encoding.UTF8.GetBytes($"{timestamp.Value.ToString(CultureInfo.InvariantCulture)}.{payload}"));

        // Every v1 is compared, with no early exit, so timing tells nothing about which one was close.
        var matched = false;
        foreach (var signature in signatures)
        {
            matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
        }

        if (!matched)
        {
            throw new InvalidGatewayEventException("No v1 signature matches the configured webhook secret.");
        }
    }

    private static bool TryHex(string value, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(value);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
