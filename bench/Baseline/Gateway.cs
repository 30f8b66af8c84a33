using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Paydesk.Bench.Baseline;

/// <summary>
/// The charge Paydesk's Stripe adapter sends (the same form fields, the same Idempotency-Key), over
/// one plain pooled HttpClient: no Stripe.net, no resilience pipeline, no telemetry.
/// </summary>
internal sealed class Gateway(HttpClient http)
{
    public static HttpClient CreateClient(Uri apiBase, string secretKey)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = apiBase };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secretKey);
        return client;
    }

    /// <summary>Creates and confirms the PaymentIntent; returns its id and status.</summary>
    public async Task<(string Id, string Status)> ChargeAsync(Guid paymentId, NewPayment payment, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>(10)
        {
            new("amount", payment.Amount.ToString(CultureInfo.InvariantCulture)),
            new("automatic_payment_methods[allow_redirects]", "never"),
            new("automatic_payment_methods[enabled]", "true"),
            new("confirm", "true"),
            new("currency", payment.Currency.ToLowerInvariant()),
            new("metadata[paydesk_payment_id]", paymentId.ToString()),
            new("metadata[paydesk_user_id]", payment.UserId.ToString()),
            new("off_session", "true"),
            new("payment_method", payment.Source),
        };
        if (payment.Description is { } description)
        {
            form.Insert(5, new("description", description));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payment_intents") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Idempotency-Key", $"charge_{paymentId:N}");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var intent = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        return (intent.RootElement.GetProperty("id").GetString()!, intent.RootElement.GetProperty("status").GetString()!);
    }
}
