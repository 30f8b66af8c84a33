namespace Paydesk.Domain.Payments;

/// <summary>
/// How a payment is to be charged: the gateway's payment-method token, the gateway customer it is
/// saved to (none for a one-off method), and whether the payer is present to authenticate.
/// </summary>
/// <param name="Source">The gateway's payment-method token; never card data.</param>
/// <param name="GatewayCustomer">The gateway's customer the method is saved to; null for a one-off method.</param>
/// <param name="OffSession">True when the payer is not present (no authentication possible).</param>
/// <param name="ReturnUrl">Where the payer returns after authenticating an on-session charge.</param>
public sealed record ChargeMethod(string Source, string? GatewayCustomer, bool OffSession, string? ReturnUrl)
{
    public const int MaxReturnUrlLength = 2048;

    /// <summary>A one-off method charged off-session: what a charge was before saved methods.</summary>
    public static ChargeMethod OneOff(string source) => new(source, null, OffSession: true, ReturnUrl: null);
}
