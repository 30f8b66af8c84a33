using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Paydesk.Sandbox;

/// <summary>Stripe's webhook signature: <c>t=&lt;unix seconds&gt;,v1=hex(HMAC-SHA256(secret, "{t}.{body}"))</c>.</summary>
public static class WebhookSigner
{
    public static string Sign(string payload, long timestamp, params string[] secrets)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(secrets);
        var header = new StringBuilder("t=").Append(timestamp.ToString(CultureInfo.InvariantCulture));
        foreach (var secret in secrets)
        {
            header.Append(",v1=").Append(Compute(payload, timestamp, secret));
        }

        return header.ToString();
    }

    public static string Compute(string payload, long timestamp, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{payload}")));
}
