using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Paydesk.Domain.WebhookEndpoints;

namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>
/// Standard Webhooks signatures: base64 of HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c>,
/// keyed with the secret's bytes, as <c>v1,&lt;signature&gt;</c>; one per secret, space-separated.
/// </summary>
public static class WebhookSigner
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string Sign(IEnumerable<string> secrets, string messageId, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var content = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}.{timestamp}.{body}"));
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecret.KeyBytes(secret), content))));
    }
}
