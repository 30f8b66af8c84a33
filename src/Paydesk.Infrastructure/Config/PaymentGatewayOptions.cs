namespace Paydesk.Infrastructure.Config;

public enum PaymentGatewayProvider
{
    /// <summary>The built-in sandbox that honours Stripe's test payment methods.</summary>
    Sandbox,
}

/// <summary>The <c>PaymentGateway</c> section.</summary>
public sealed class PaymentGatewayOptions
{
    public const string SectionName = "PaymentGateway";

    public PaymentGatewayProvider Provider { get; set; } = PaymentGatewayProvider.Sandbox;
}
