namespace Paydesk.Sandbox;

/// <summary>
/// How a test payment method behaves when a PaymentIntent is confirmed with it, and the card it
/// stands for (brand and last four digits of Stripe's test card).
/// </summary>
internal sealed record TestMethodBehaviour(
    string Brand,
    string Last4,
    string? ErrorCode = null,
    string? DeclineCode = null,
    string? Message = null,
    bool Processing = false,
    bool RequiresAuthentication = false,
    bool Disputes = false)
{
    /// <summary>Charged at once: no decline, no later settlement and no authentication.</summary>
    public bool Succeeds => ErrorCode is null && !Processing && !RequiresAuthentication;
}
