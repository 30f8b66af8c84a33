using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Paydesk.Sandbox;

/// <summary>
/// The 3-D Secure page a <c>requires_action</c> intent points to: <c>GET /sandbox/3ds/{id}?token=…</c>
/// shows it; its buttons post back, settle the intent once, send the signed webhook and send the
/// browser (303) to the <c>return_url</c> with the outcome, as Stripe does.
/// </summary>
internal sealed partial class EmulatorApi
{
    private const string AuthenticationFailed = "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.";
    private const string SetupAuthenticationFailed = "The latest attempt to set up the payment method has failed because authentication failed.";

    private async Task HandleAuthenticationPageAsync(HttpContext context, string path)
    {
        var id = path[AuthenticationPagePath.Length..];
        var isPost = HttpMethods.IsPost(context.Request.Method);
        if (!isPost && !HttpMethods.IsGet(context.Request.Method))
        {
            await WritePageAsync(context, 405, AuthenticationPage.Unknown());
            return;
        }

        var form = isPost && context.Request.HasFormContentType ? await context.Request.ReadFormAsync(CancellationToken.None) : null;
        var token = (form is null ? context.Request.Query["token"] : form["token"]).ToString();
        if (isPost)
        {
            await SettleAuthenticationAsync(context, id, token, form?["outcome"].ToString() == "complete");
            return;
        }

        (int Status, string Html) page;
        lock (_gate)
        {
            page = FindAuthentication(id, token) switch
            {
                null => (404, AuthenticationPage.Unknown()),
                { Status: not "requires_action" } done => (200, AlreadyCompleted(done)),
                EmulatedPaymentIntent pi => (200, AuthenticationPage.Challenge("Authorise this payment.", AuthenticationPage.FormatAmount(pi.Amount, pi.Currency), pi.Id, token)),
                var si => (200, AuthenticationPage.Challenge("Authorise saving this card for future payments.", "Save a card", si.Id, token)),
            };
        }

        await WritePageAsync(context, page.Status, page.Html);
    }

    private async Task SettleAuthenticationAsync(HttpContext context, string id, string token, bool complete)
    {
        var (settled, returnUrl, stalePage) = await AuthenticateAsync(id, token, complete, _stopping.Token);
        if (!settled)
        {
            await WritePageAsync(context, stalePage is null ? 404 : 200, stalePage ?? AuthenticationPage.Unknown());
            return;
        }

        if (returnUrl is null)
        {
            await WritePageAsync(context, 200, AuthenticationPage.Settled(complete ? "Authentication completed" : "Authentication failed", null));
            return;
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = returnUrl;
    }

    /// <summary>
    /// Settles a pending authentication once, as its page's buttons do, and sends the webhook; a
    /// <paramref name="token"/> of null is the emulator's own caller (tests), which needs none.
    /// Not settled: the intent is unknown (no page) or was not waiting (the "already completed" page).
    /// </summary>
    public async Task<(bool Settled, string? ReturnUrl, string? StalePage)> AuthenticateAsync(string id, string? token, bool complete, CancellationToken cancellationToken)
    {
        string eventType;
        JsonObject snapshot;
        string? returnUrl;
        lock (_gate)
        {
            var intent = token is null ? FindIntent(id) : FindAuthentication(id, token);
            if (intent is not { Status: "requires_action" })
            {
                // Pressed again, or a stale link: nothing is settled twice.
                return (false, null, intent is null ? null : AlreadyCompleted(intent));
            }

            intent.NextAction = null;
            (eventType, snapshot) = intent is EmulatedPaymentIntent pi ? SettlePayment(pi, complete) : SettleSetup((EmulatedSetupIntent)intent, complete);
            returnUrl = intent.ReturnUrl is null ? null : WithOutcome(intent.ReturnUrl, intent, complete);
        }

        await SendSafelyAsync(eventType, snapshot, cancellationToken);
        return (true, returnUrl, null);
    }

    private (string EventType, JsonObject Snapshot) SettlePayment(EmulatedPaymentIntent pi, bool complete)
    {
        // A saved method forgotten meanwhile (beyond MaxObjects) cannot be charged: the authentication fails.
        if (complete && FindPaymentMethod(pi.PaymentMethod!) is { } method)
        {
            return ChargeSucceeded(pi, NewCharge(pi, method, "succeeded"));
        }

        pi.Status = "requires_payment_method";
        pi.LastPaymentError = ("payment_intent_authentication_failure", null, AuthenticationFailed);
        return ("payment_intent.payment_failed", pi.ToJson());
    }

    private (string EventType, JsonObject Snapshot) SettleSetup(EmulatedSetupIntent si, bool complete)
    {
        if (complete)
        {
            return ("setup_intent.succeeded", SucceedSetup(si));
        }

        si.Status = "requires_payment_method";
        si.PaymentMethod = null;
        si.LastSetupError = ("setup_intent_authentication_failure", null, SetupAuthenticationFailed);
        return ("setup_intent.setup_failed", si.ToJson());
    }

    private static string AlreadyCompleted(EmulatedIntent intent) => AuthenticationPage.Settled(
        intent.Status == "canceled" ? "This payment was canceled" : "This authentication was already completed",
        intent.ReturnUrl is null ? null : WithOutcome(intent.ReturnUrl, intent, intent.Status == "succeeded"));

    private EmulatedIntent? FindIntent(string id) =>
        _paymentIntents.TryGetValue(id, out var pi) ? pi : _setupIntents.TryGetValue(id, out var si) ? si : null;

    private EmulatedIntent? FindAuthentication(string id, string token)
    {
        var intent = FindIntent(id);
        return intent?.AuthenticationToken is { } expected && token.Length > 0 && FixedTimeEquals(expected, token) ? intent : null;
    }

    private static string WithOutcome(string returnUrl, EmulatedIntent intent, bool complete)
    {
        var kind = intent is EmulatedPaymentIntent ? "payment_intent" : "setup_intent";
        var url = new UriBuilder(returnUrl);
        var outcome = $"{kind}={Uri.EscapeDataString(intent.Id)}&{kind}_client_secret={Uri.EscapeDataString(intent.ClientSecret)}&redirect_status={(complete ? "succeeded" : "failed")}";
        url.Query = url.Query.Length > 1 ? $"{url.Query[1..]}&{outcome}" : outcome;
        return url.Uri.AbsoluteUri;
    }

    private static async Task WritePageAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";

        // No script and nothing from elsewhere; no form-action either, which would block the redirect to return_url.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        await context.Response.WriteAsync(html, CancellationToken.None);
    }
}
