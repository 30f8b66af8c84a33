using Paydesk.Domain.Common;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>The metadata keys Paydesk stores on Stripe objects, to find its own payments and refunds there.</summary>
public static class StripeMetadata
{
    public const string PaymentId = "paydesk_payment_id";
    public const string UserId = "paydesk_user_id";
    public const string RefundId = "paydesk_refund_id";
    public const string RefundReason = "paydesk_reason";

    /// <summary>
    /// The caller's metadata with Paydesk's own keys beside it. The caller's keys never start with
    /// <see cref="Metadata.ReservedPrefix"/> (the domain refuses them), so neither overwrites the other.
    /// </summary>
    public static Dictionary<string, string> With(Metadata? caller, params ReadOnlySpan<(string Key, string Value)> own)
    {
        var metadata = new Dictionary<string, string>(caller?.Entries ?? Metadata.Empty.Entries, StringComparer.Ordinal);
        foreach (var (key, value) in own)
        {
            metadata[key] = value;
        }

        return metadata;
    }
}
