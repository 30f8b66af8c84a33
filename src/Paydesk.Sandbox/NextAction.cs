using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>
/// What an intent waiting for 3-D Secure asks for: with a <c>return_url</c> a redirect to the
/// sandbox's authentication page (<c>redirect_to_url</c>); without one, as Stripe does,
/// <c>use_stripe_sdk</c>, whose <c>stripe_js</c> is the same page.
/// </summary>
internal sealed record NextAction(string Url, string? ReturnUrl)
{
    public JsonObject ToJson() => ReturnUrl is null
        ? new JsonObject
        {
            ["type"] = "use_stripe_sdk",
            ["use_stripe_sdk"] = new JsonObject { ["type"] = "three_d_secure_redirect", ["stripe_js"] = Url },
        }
        : new JsonObject
        {
            ["type"] = "redirect_to_url",
            ["redirect_to_url"] = new JsonObject { ["url"] = Url, ["return_url"] = ReturnUrl },
        };
}
