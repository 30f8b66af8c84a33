namespace Paydesk.Infrastructure.Config;

public enum PaymentGatewayProvider
{
    /// <summary>The built-in sandbox that honours Stripe's test payment methods.</summary>
    Sandbox,

    /// <summary>Stripe through Stripe.net: the real account, or the sandbox emulator through <c>PaymentGateway:Stripe:ApiBase</c>.</summary>
    Stripe,
}

/// <summary>The <c>PaymentGateway</c> section.</summary>
public sealed class PaymentGatewayOptions
{
    public const string SectionName = "PaymentGateway";

    public PaymentGatewayProvider Provider { get; set; } = PaymentGatewayProvider.Sandbox;
}
