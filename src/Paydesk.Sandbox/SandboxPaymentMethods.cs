namespace Paydesk.Sandbox;

/// <summary>How a test payment method behaves when a PaymentIntent is confirmed with it.</summary>
internal sealed record TestMethodBehaviour(string? ErrorCode = null, string? DeclineCode = null, string? Message = null, bool Processing = false)
{
    public bool Succeeds => ErrorCode is null && !Processing;
}

/// <summary>
/// The Stripe test payment methods the emulator honours, as Stripe's test mode does, plus one
/// sandbox-only method that settles later through a webhook.
/// </summary>
public static class SandboxPaymentMethods
{
    public const string Visa = "pm_card_visa";
    public const string Mastercard = "pm_card_mastercard";
    public const string ChargeDeclined = "pm_card_chargeDeclined";
    public const string InsufficientFunds = "pm_card_chargeDeclinedInsufficientFunds";
    public const string LostCard = "pm_card_chargeDeclinedLostCard";
    public const string StolenCard = "pm_card_chargeDeclinedStolenCard";
    public const string ExpiredCard = "pm_card_chargeDeclinedExpiredCard";
    public const string IncorrectCvc = "pm_card_chargeDeclinedIncorrectCvc";
    public const string AuthenticationRequired = "pm_card_authenticationRequired";

    /// <summary>Sandbox only (not a Stripe method): the PaymentIntent goes <c>processing</c> and succeeds later, announced by a signed <c>payment_intent.succeeded</c> webhook.</summary>
    public const string Processing = "pm_sandbox_processing";

    internal static readonly IReadOnlyDictionary<string, TestMethodBehaviour> Behaviours = new Dictionary<string, TestMethodBehaviour>(StringComparer.Ordinal)
    {
        [Visa] = new(),
        [Mastercard] = new(),
        [ChargeDeclined] = new("card_declined", "generic_decline", "Your card was declined."),
        [InsufficientFunds] = new("card_declined", "insufficient_funds", "Your card has insufficient funds."),
        [LostCard] = new("card_declined", "lost_card", "Your card was declined."),
        [StolenCard] = new("card_declined", "stolen_card", "Your card was declined."),
        [ExpiredCard] = new("expired_card", "expired_card", "Your card has expired."),
        [IncorrectCvc] = new("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
        [AuthenticationRequired] = new("authentication_required", "authentication_required", "Your card was declined. This transaction requires authentication."),
        [Processing] = new(Processing: true),
    };

    public static IReadOnlyList<string> All { get; } = [.. Behaviours.Keys];
}
