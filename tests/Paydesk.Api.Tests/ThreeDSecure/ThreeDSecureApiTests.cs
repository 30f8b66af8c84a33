using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using MimeKit;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.ThreeDSecure;

/// <summary>
/// 3-D Secure end to end: an on-session charge needs action, a real browser authenticates (or not)
/// on the sandbox's page, the signed webhook settles the payment, and its email follows; a payment
/// left waiting is abandoned by reconciliation.
/// </summary>
public abstract class ThreeDSecureApiTests(ThreeDSecureFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();

    [Fact]
    public async Task An_on_session_charge_needing_authentication_answers_201_requires_action_with_the_next_action_and_client_secret()
    {
        var user = await _client.RegisterUserAsync();

        var response = await ChargeOnSessionAsync(user.Id());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await response.ReadJsonAsync();
        Assert.Equal("requires_action", payment.Str("status"));
        var nextAction = payment.GetProperty("nextAction");
        Assert.Equal("redirect_to_url", nextAction.Str("type"));
        Assert.StartsWith(fixture.Emulator.BaseAddress.GetLeftPart(UriPartial.Authority), nextAction.Str("url"), StringComparison.Ordinal);
        Assert.StartsWith($"{payment.Str("gatewayReference")}_secret_", payment.Str("clientSecret"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completing_authentication_in_the_browser_settles_the_payment_as_succeeded_with_a_receipt()
    {
        var email = $"three-ds-{Guid.NewGuid():N}@example.com";
        var user = await _client.RegisterUserAsync(email);
        var waiting = await (await ChargeOnSessionAsync(user.Id())).ReadJsonAsync();

        await AuthenticateAsync(waiting, AuthenticationButton.Complete);

        var payment = await SettledAsync(waiting.Id());
        Assert.Equal("succeeded", payment.Str("status"));
        Assert.Equal(JsonValueKind.Null, payment.GetProperty("nextAction").ValueKind);
        Assert.Equal(JsonValueKind.Null, payment.GetProperty("clientSecret").ValueKind);
        var receipt = await MessageToAsync(email, "Your receipt for $15.00");
        Assert.Contains(waiting.Id(), receipt.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_authentication_in_the_browser_fails_the_payment_with_a_notice()
    {
        var email = $"three-ds-{Guid.NewGuid():N}@example.com";
        var user = await _client.RegisterUserAsync(email);
        var waiting = await (await ChargeOnSessionAsync(user.Id())).ReadJsonAsync();

        await AuthenticateAsync(waiting, AuthenticationButton.Fail);

        var payment = await SettledAsync(waiting.Id());
        Assert.Equal("failed", payment.Str("status"));
        Assert.Equal("payment_intent_authentication_failure", payment.Str("failureCode"));
        Assert.Equal(JsonValueKind.Null, payment.GetProperty("clientSecret").ValueKind);
        await MessageToAsync(email, "Your payment of $15.00 did not go through");
    }

    [Fact]
    public async Task A_payment_left_waiting_past_the_action_timeout_is_canceled_at_the_gateway_and_fails_as_abandoned()
    {
        var email = $"three-ds-{Guid.NewGuid():N}@example.com";
        var user = await _client.RegisterUserAsync(email);
        var waiting = await (await ChargeOnSessionAsync(user.Id())).ReadJsonAsync();

        var payment = await Eventually.Until(
            async () =>
            {
                await fixture.Factory.RunReconciliationRoundAsync();
                return await GetAsync(waiting.Id());
            },
            p => p.Str("status") != "requires_action",
            $"reconciliation to abandon the payment after {ThreeDSecureFixture.ActionTimeout}");

        Assert.Equal("failed", payment.Str("status"));
        Assert.Equal("authentication_abandoned", payment.Str("failureCode"));
        Assert.Equal("canceled", fixture.Emulator.PaymentIntentStatusFor(Guid.Parse(waiting.Id())));
        await MessageToAsync(email, "Your payment of $15.00 did not go through");
    }

    [Fact]
    public async Task Off_session_a_card_needing_authentication_fails_with_authentication_required_like_any_decline()
    {
        var user = await _client.RegisterUserAsync();

        var response = await _client.PostJsonAsync(
            "/v1/payments",
            new { userId = user.Id(), amount = 1500, currency = "USD", source = SandboxPaymentMethods.AuthenticationRequired, offSession = true },
            Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await response.ReadJsonAsync();
        Assert.Equal("failed", payment.Str("status"));
        Assert.Equal("authentication_required", payment.Str("failureCode"));
        Assert.Equal(JsonValueKind.Null, payment.GetProperty("nextAction").ValueKind);
    }

    [Fact]
    public async Task A_read_only_key_sees_that_action_is_needed_but_neither_the_client_secret_nor_the_url()
    {
        var user = await _client.RegisterUserAsync();
        var waiting = await (await ChargeOnSessionAsync(user.Id())).ReadJsonAsync();
        using var reader = fixture.Factory.CreateClientWithKey(PaydeskApiFactory.SingleScopeKeys["payments:read"]);

        var seenByReader = await (await reader.GetAsync($"/v1/payments/{waiting.Id()}")).ReadJsonAsync();
        var seenByCharger = await GetAsync(waiting.Id());

        Assert.Equal("redirect_to_url", seenByReader.GetProperty("nextAction").Str("type"));
        Assert.Equal(JsonValueKind.Null, seenByReader.GetProperty("nextAction").GetProperty("url").ValueKind);
        Assert.Equal(JsonValueKind.Null, seenByReader.GetProperty("clientSecret").ValueKind);
        Assert.Equal(waiting.Str("clientSecret"), seenByCharger.Str("clientSecret"));
        Assert.Equal(waiting.GetProperty("nextAction").Str("url"), seenByCharger.GetProperty("nextAction").Str("url"));
    }

    [Fact]
    public async Task A_replay_of_the_charge_answers_the_next_action_and_client_secret_again()
    {
        var user = await _client.RegisterUserAsync();
        var key = Guid.NewGuid().ToString();
        var first = await (await ChargeOnSessionAsync(user.Id(), key)).ReadJsonAsync();

        var replay = await ChargeOnSessionAsync(user.Id(), key);

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        var replayed = await replay.ReadJsonAsync();
        Assert.Equal(first.Str("clientSecret"), replayed.Str("clientSecret"));
        Assert.Equal(first.GetProperty("nextAction").Str("url"), replayed.GetProperty("nextAction").Str("url"));
    }

    [Fact]
    public async Task On_session_without_a_return_url_is_400_and_nothing_is_charged()
    {
        var user = await _client.RegisterUserAsync();
        var before = fixture.Emulator.ChargeRequests;

        var response = await _client.PostJsonAsync(
            "/v1/payments",
            new { userId = user.Id(), amount = 1500, currency = "USD", source = SandboxPaymentMethods.AuthenticationRequired, offSession = false },
            Guid.NewGuid().ToString());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, fixture.Emulator.ChargeRequests);
    }

    private enum AuthenticationButton
    {
        Complete,
        Fail,
    }

    private Task<HttpResponseMessage> ChargeOnSessionAsync(string userId, string? idempotencyKey = null) =>
        _client.PostJsonAsync(
            "/v1/payments",
            new { userId, amount = 1500, currency = "USD", source = SandboxPaymentMethods.AuthenticationRequired, description = "3DS order", offSession = false, returnUrl = fixture.ReturnUrl },
            idempotencyKey ?? Guid.NewGuid().ToString());

    // The payer's side: the browser opens nextAction.url, presses a button, and the sandbox sends it back to the return URL.
    private async Task AuthenticateAsync(JsonElement waiting, AuthenticationButton button)
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Deadline.TotalMilliseconds);
        await page.GotoAsync(waiting.GetProperty("nextAction").Str("url"));
        await page.GetByText("15.00 USD").WaitForAsync();
        var name = button == AuthenticationButton.Complete ? "Complete authentication" : "Fail authentication";
        await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(fixture.ReturnUrl, StringComparison.Ordinal));
        Assert.Contains(button == AuthenticationButton.Complete ? "redirect_status=succeeded" : "redirect_status=failed", page.Url, StringComparison.Ordinal);
    }

    private Task<JsonElement> SettledAsync(string paymentId) =>
        Eventually.Until(() => GetAsync(paymentId), p => p.Str("status") != "requires_action", "the webhook to settle the payment");

    private async Task<JsonElement> GetAsync(string paymentId) =>
        await (await _client.GetAsync($"/v1/payments/{paymentId}")).ReadJsonAsync();

    private async Task<MimeMessage> MessageToAsync(string email, string subject)
    {
        var message = await Eventually.Until(
            async () => (await PickupAsync()).FirstOrDefault(m => m.Subject == subject && m.To.Mailboxes.Any(a => a.Address == email)),
            found => found is not null,
            $"'{subject}' to {email} in the pickup folder");
        return message!;
    }

    private async Task<List<MimeMessage>> PickupAsync()
    {
        var messages = new List<MimeMessage>();
        if (!Directory.Exists(fixture.Factory.MailDirectory))
        {
            return messages;
        }

        foreach (var file in Directory.GetFiles(fixture.Factory.MailDirectory, "*.eml"))
        {
            messages.Add(await MimeMessage.LoadAsync(file));
        }

        return messages;
    }
}

public sealed class SqliteThreeDSecureApiTests(SqliteThreeDSecureFixture fixture) : ThreeDSecureApiTests(fixture), IClassFixture<SqliteThreeDSecureFixture>;

public sealed class PostgresThreeDSecureApiTests(PostgresThreeDSecureFixture fixture) : ThreeDSecureApiTests(fixture), IClassFixture<PostgresThreeDSecureFixture>;
