using System.Globalization;
using System.Net;

namespace Paydesk.Sandbox;

/// <summary>
/// The HTML of the sandbox's 3-D Secure page, like Stripe's test page: what is being authorised and
/// two buttons. Plain forms, no script and no outside assets, so it works in any browser.
/// </summary>
internal static class AuthenticationPage
{
    public const string Complete = "Complete authentication";
    public const string Fail = "Fail authentication";

    // Stripe's zero- and three-decimal currencies; every other one has two decimals.
    private static readonly HashSet<string> ZeroDecimal = ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"];
    private static readonly HashSet<string> ThreeDecimal = ["bhd", "jod", "kwd", "omr", "tnd"];

    /// <summary>The amount as people read it, e.g. <c>12.34 EUR</c> for 1234 in <c>eur</c>.</summary>
    public static string FormatAmount(long amount, string currency)
    {
        var decimals = ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;
        var major = amount / (decimal)Math.Pow(10, decimals);
        return $"{major.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)} {currency.ToUpperInvariant()}";
    }

    public static string Challenge(string action, string what, string intentId, string token)
    {
        var form = $"{EmulatorApi.AuthenticationPagePath}{Encode(intentId)}";
        return Layout(
            "3-D Secure authentication",
            $"""
            <p>The sandbox's test bank asks you to authenticate:</p>
            <p class="what">{Encode(what)}</p>
            <p>{Encode(action)}</p>
            <form method="post" action="{form}"><input type="hidden" name="token" value="{Encode(token)}"><input type="hidden" name="outcome" value="complete"><button type="submit">{Complete}</button></form>
            <form method="post" action="{form}"><input type="hidden" name="token" value="{Encode(token)}"><input type="hidden" name="outcome" value="fail"><button type="submit" class="fail">{Fail}</button></form>
            """);
    }

    public static string Settled(string heading, string? returnUrl) => Layout(
        heading,
        returnUrl is null
            ? "<p>You can close this window.</p>"
            : $"""<p><a href="{Encode(returnUrl)}">Return to the merchant</a></p>""");

    public static string Unknown() => Layout("No such authentication", "<p>This link is not (or no longer) valid.</p>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Layout(string title, string body) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}} · Paydesk sandbox</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1a1a1a; }
        .what { font-size: 1.5rem; font-weight: 600; }
        form { display: inline-block; margin: 0.5rem 0.5rem 0 0; }
        button { font-size: 1rem; padding: 0.6rem 1rem; border: 0; border-radius: 4px; background: #2f6f3e; color: #fff; cursor: pointer; }
        button.fail { background: #a33; }
        </style>
        </head>
        <body>
        <h1>{{Encode(title)}}</h1>
        {{body}}
        <p><small>Paydesk sandbox: a test page, no bank is involved.</small></p>
        </body>
        </html>
        """;
}
