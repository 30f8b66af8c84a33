namespace Paydesk.Sandbox;

/// <summary>What a PaymentIntent and a SetupIntent share: a client secret, a status, a payment method, and 3-D Secure.</summary>
internal abstract class EmulatedIntent : EmulatedObject
{
    /// <summary><c>{id}_secret_{random}</c>, as Stripe writes it.</summary>
    public required string ClientSecret { get; init; }

    public string? Customer { get; init; }

    public string? PaymentMethod { get; set; }

    public required string Status { get; set; }

    /// <summary>Set while the intent is <c>requires_action</c>.</summary>
    public NextAction? NextAction { get; set; }

    /// <summary>Where the authentication page sends the customer back to, if the confirmation gave one.</summary>
    public string? ReturnUrl { get; set; }

    /// <summary>The unguessable token in the authentication page's URL, while one is pending.</summary>
    public string? AuthenticationToken { get; set; }
}
