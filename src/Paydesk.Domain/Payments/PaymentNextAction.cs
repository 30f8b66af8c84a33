namespace Paydesk.Domain.Payments;

/// <summary>
/// What the payer must do before a <c>requires_action</c> payment can complete, as the gateway
/// asked: follow <see cref="Url"/> (<see cref="RedirectToUrl"/>), or let the gateway's client
/// library handle it with the client secret (<see cref="UseStripeSdk"/>, no URL).
/// </summary>
public sealed record PaymentNextAction(string Type, string? Url)
{
    public const string RedirectToUrl = "redirect_to_url";
    public const string UseStripeSdk = "use_stripe_sdk";
    public const int MaxTypeLength = 50;

    /// <summary>Gateways' redirect URLs carry long tokens; this bounds what is stored.</summary>
    public const int MaxUrlLength = 4096;
}
