namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>The metadata keys Paydesk stores on Stripe objects, to find its own payments and refunds there.</summary>
public static class StripeMetadata
{
    public const string PaymentId = "paydesk_payment_id";
    public const string UserId = "paydesk_user_id";
    public const string RefundId = "paydesk_refund_id";
    public const string RefundReason = "paydesk_reason";
}
