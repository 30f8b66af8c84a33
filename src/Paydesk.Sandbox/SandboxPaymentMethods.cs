namespace Paydesk.Sandbox;

/// <summary>
/// The Stripe test payment methods the emulator honours, as Stripe's test mode does, plus one
/// sandbox-only method that settles later through a webhook. Attaching one to a customer makes a new
/// <c>pm_…</c> method that behaves the same.
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

    /// <summary>Needs 3-D Secure on every charge: off-session it is declined <c>authentication_required</c>, on-session it asks for authentication.</summary>
    public const string AuthenticationRequired = "pm_card_authenticationRequired";

    /// <summary>Needs 3-D Secure 2 on every charge; behaves as <see cref="AuthenticationRequired"/>.</summary>
    public const string ThreeDSecure2Required = "pm_card_threeDSecure2Required";

    /// <summary>
    /// Charges succeed, then a dispute opens (reason <c>fraudulent</c>, funds withdrawn) after
    /// <see cref="StripeEmulatorOptions.DisputeDelay"/>, as Stripe's test card 4000 0000 0000 0259 does.
    /// </summary>
    public const string CreateDispute = "pm_card_createDispute";

    /// <summary>Sandbox only (not a Stripe method): the PaymentIntent goes <c>processing</c> and succeeds later, announced by a signed <c>payment_intent.succeeded</c> webhook.</summary>
    public const string Processing = "pm_sandbox_processing";

    private const string AuthenticationDeclined = "Your card was declined. This transaction requires authentication.";

    internal static readonly IReadOnlyDictionary<string, TestMethodBehaviour> Behaviours = new Dictionary<string, TestMethodBehaviour>(StringComparer.Ordinal)
    {
        [Visa] = new("visa", "4242"),
        [Mastercard] = new("mastercard", "4444"),
        [ChargeDeclined] = new("visa", "0002", "card_declined", "generic_decline", "Your card was declined."),
        [InsufficientFunds] = new("visa", "9995", "card_declined", "insufficient_funds", "Your card has insufficient funds."),
        [LostCard] = new("visa", "9987", "card_declined", "lost_card", "Your card was declined."),
        [StolenCard] = new("visa", "9979", "card_declined", "stolen_card", "Your card was declined."),
        [ExpiredCard] = new("visa", "0069", "expired_card", "expired_card", "Your card has expired."),
        [IncorrectCvc] = new("visa", "0127", "incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
        [AuthenticationRequired] = new("visa", "3184", "authentication_required", "authentication_required", AuthenticationDeclined, RequiresAuthentication: true),
        [ThreeDSecure2Required] = new("visa", "3220", "authentication_required", "authentication_required", AuthenticationDeclined, RequiresAuthentication: true),
        [CreateDispute] = new("visa", "0259", Disputes: true),
        [Processing] = new("visa", "1000", Processing: true),
    };

    public static IReadOnlyList<string> All { get; } = [.. Behaviours.Keys];
}
