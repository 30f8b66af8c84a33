namespace Paydesk.Infrastructure.External.PaymentGateway;

public enum PaymentGatewayProvider
{
    /// <summary>
    /// Stripe through Stripe.net: a real account, or the Stripe-compatible sandbox emulator
    /// (Development) through <c>PaymentGateway:Stripe:ApiBase</c>. The same adapter either way.
    /// </summary>
    Stripe,
}

/// <summary>The <c>PaymentGateway</c> section.</summary>
public sealed class PaymentGatewayOptions
{
    public const string SectionName = "PaymentGateway";

    public PaymentGatewayProvider Provider { get; set; } = PaymentGatewayProvider.Stripe;
}
