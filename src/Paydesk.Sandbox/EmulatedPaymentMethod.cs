using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>
/// A card PaymentMethod: one of the test tokens (<c>pm_card_visa</c>, whose id is the token) or a
/// copy made when a token was attached or set up, which behaves as its token does.
/// </summary>
internal sealed class EmulatedPaymentMethod : EmulatedObject
{
    /// <summary>The test token whose behaviour and card this method has.</summary>
    public required string Token { get; init; }

    public string? Customer { get; set; }

    /// <summary>Detached from a customer: Stripe never lets such a method be used or attached again.</summary>
    public bool Detached { get; set; }

    public TestMethodBehaviour Behaviour => SandboxPaymentMethods.Behaviours[Token];

    /// <summary>The token itself as an unattached method, as <c>GET /v1/payment_methods/pm_card_visa</c> answers.</summary>
    public static EmulatedPaymentMethod ForToken(string token, long created) => new()
    {
        Id = token,
        Token = token,
        Metadata = new Dictionary<string, string>(),
        Created = created,
    };

    public JsonObject ToJson()
    {
        var behaviour = Behaviour;
        var created = DateTimeOffset.FromUnixTimeSeconds(Created);
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "payment_method",
            ["billing_details"] = new JsonObject { ["address"] = null, ["email"] = null, ["name"] = null, ["phone"] = null },
            ["card"] = new JsonObject
            {
                ["brand"] = behaviour.Brand,
                ["country"] = "US",
                ["exp_month"] = 12,
                ["exp_year"] = created.Year + 3,
                ["fingerprint"] = Fingerprint(Token),
                ["funding"] = "credit",
                ["last4"] = behaviour.Last4,
                ["three_d_secure_usage"] = new JsonObject { ["supported"] = true },
                ["wallet"] = null,
            },
            ["created"] = Created,
            ["customer"] = Customer,
            ["livemode"] = false,
            ["metadata"] = MetadataJson(),
            ["type"] = "card",
        };
    }

    // The same card always has the same fingerprint, as at Stripe (which derives it from the number).
    private static string Fingerprint(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
}
