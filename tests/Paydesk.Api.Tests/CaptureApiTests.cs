using System.Net;
using System.Text.Json;
using MimeKit;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

public abstract class CaptureApiTests(ApiFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();

    [Fact]
    public async Task A_manual_charge_is_authorized_with_its_capturable_amount_and_lapse_time()
    {
        var user = await _client.RegisterUserAsync();

        var payment = await _client.AuthorizedPaymentAsync(user.Id(), amount: 1500);

        Assert.Equal("manual", payment.Str("capture"));
        Assert.Equal(1500, payment.Long("amountCapturable"));
        Assert.True(payment.GetProperty("captureBefore").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(6));
        Assert.Equal(0, payment.Long("amountReleased"));
    }

    [Fact]
    public async Task An_unknown_capture_method_is_400_naming_capture()
    {
        var user = await _client.RegisterUserAsync();

        var response = await _client.PostJsonAsync("/v1/payments", new { userId = user.Id(), amount = 1500, currency = "USD", source = "pm_card_visa", capture = "later" }, Guid.NewGuid().ToString());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("capture", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_capture_takes_the_whole_authorization()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.AuthorizedPaymentAsync(user.Id(), amount: 1500);

        var response = await _client.CaptureAsync(payment.Id());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var captured = await response.ReadJsonAsync();
        Assert.Equal("succeeded", captured.Str("status"));
        Assert.Equal(1500, captured.Long("amount"));
        Assert.Equal(0, captured.Long("amountReleased"));
        Assert.Equal(0, captured.Long("amountCapturable"));
    }

    [Fact]
    public async Task A_partial_capture_takes_that_much_and_releases_the_rest()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.AuthorizedPaymentAsync(user.Id(), amount: 1500);

        var captured = await (await _client.CaptureAsync(payment.Id(), amount: 1000)).ReadJsonAsync();

        Assert.Equal("succeeded", captured.Str("status"));
        Assert.Equal(1000, captured.Long("amount"));
        Assert.Equal(500, captured.Long("amountReleased"));
        var stored = await (await _client.GetAsync($"/v1/payments/{payment.Id()}")).ReadJsonAsync();
        Assert.Equal(1000, stored.Long("amount"));
        Assert.Equal(500, stored.Long("amountReleased"));
    }

    [Fact]
    public async Task A_capture_repeated_with_its_key_replays_and_another_key_is_409()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.AuthorizedPaymentAsync(user.Id());
        var key = Guid.NewGuid().ToString();
        var first = await _client.CaptureAsync(payment.Id(), amount: 900, idempotencyKey: key);

        var replay = await _client.CaptureAsync(payment.Id(), amount: 900, idempotencyKey: key);
        var second = await _client.CaptureAsync(payment.Id(), amount: 900);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        await second.AssertProblemAsync(HttpStatusCode.Conflict, "payment_not_capturable");
        var stored = await (await _client.GetAsync($"/v1/payments/{payment.Id()}")).ReadJsonAsync();
        Assert.Equal(900, stored.Long("amount"));
    }

    [Fact]
    public async Task A_capture_of_more_than_authorized_is_409_and_changes_nothing()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.AuthorizedPaymentAsync(user.Id(), amount: 1500);

        var response = await _client.CaptureAsync(payment.Id(), amount: 1501);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "capture_exceeds_authorized");
        var stored = await (await _client.GetAsync($"/v1/payments/{payment.Id()}")).ReadJsonAsync();
        Assert.Equal("requires_capture", stored.Str("status"));
    }

    [Fact]
    public async Task A_payment_captured_at_once_is_not_capturable()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id());

        var response = await _client.CaptureAsync(payment.Id());

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "payment_not_capturable");
    }

    [Fact]
    public async Task An_uncaptured_payment_cannot_be_refunded()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.AuthorizedPaymentAsync(user.Id());

        var response = await _client.RefundAsync(payment.Id());

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "payment_not_refundable");
    }

    [Fact]
    public async Task A_partially_captured_payment_refunds_only_the_captured_money()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.AuthorizedPaymentAsync(user.Id(), amount: 1500);
        await _client.CaptureAsync(payment.Id(), amount: 1000);

        var tooMuch = await _client.RefundAsync(payment.Id(), amount: 1001);
        var all = await _client.RefundAsync(payment.Id());

        await tooMuch.AssertProblemAsync(HttpStatusCode.Conflict, "refund_exceeds_remaining");
        Assert.Equal(1000, (await all.ReadJsonAsync()).Long("amount"));
    }

    [Fact]
    public async Task An_authorization_is_canceled_with_the_reason_given()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.AuthorizedPaymentAsync(user.Id());

        var response = await _client.CancelAsync(payment.Id(), reason: "Out of stock");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var canceled = await response.ReadJsonAsync();
        Assert.Equal("canceled", canceled.Str("status"));
        Assert.Equal("Out of stock", canceled.Str("cancellationReason"));
        Assert.Equal(0, canceled.Long("amountCapturable"));
        var capture = await _client.CaptureAsync(payment.Id());
        await capture.AssertProblemAsync(HttpStatusCode.Conflict, "payment_not_capturable");
    }

    [Fact]
    public async Task A_payment_waiting_for_authentication_can_be_canceled()
    {
        var user = await _client.RegisterUserAsync();
        var waiting = await (await _client.PostJsonAsync(
            "/v1/payments",
            new { userId = user.Id(), amount = 1500, currency = "USD", source = "pm_card_threeDSecure2Required", offSession = false, returnUrl = "https://shop.example/done" },
            Guid.NewGuid().ToString())).ReadJsonAsync();
        Assert.Equal("requires_action", waiting.Str("status"));

        var canceled = await (await _client.CancelAsync(waiting.Id())).ReadJsonAsync();

        Assert.Equal("canceled", canceled.Str("status"));
        Assert.Equal("requested_by_customer", canceled.Str("cancellationReason"));
    }

    [Fact]
    public async Task A_captured_payment_cannot_be_canceled()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.AuthorizedPaymentAsync(user.Id());
        await _client.CaptureAsync(payment.Id());

        var response = await _client.CancelAsync(payment.Id());

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "payment_not_cancelable");
    }

    [Fact]
    public async Task A_cancel_repeated_with_its_key_replays()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.AuthorizedPaymentAsync(user.Id());
        var key = Guid.NewGuid().ToString();
        var first = await _client.CancelAsync(payment.Id(), idempotencyKey: key);

        var replay = await _client.CancelAsync(payment.Id(), idempotencyKey: key);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_lapsed_authorization_is_canceled_as_expired()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.AuthorizedPaymentAsync(user.Id());

        Assert.True(await fixture.Emulator.LapseAuthorizationAsync(payment.Str("gatewayReference"), CancellationToken.None));

        var stored = await Eventually.Until(
            async () => await (await _client.GetAsync($"/v1/payments/{payment.Id()}")).ReadJsonAsync(),
            p => p.Str("status") != "requires_capture",
            "the lapse's webhook to cancel the payment");
        Assert.Equal("canceled", stored.Str("status"));
        Assert.Equal("authorization_expired", stored.Str("cancellationReason"));
    }

    [Fact]
    public async Task A_capture_sends_a_receipt_and_a_cancel_a_notice()
    {
        var user = await _client.RegisterUserAsync(email: $"capture-{Guid.NewGuid():N}@example.com");
        var email = user.Str("email");
        var captured = await _client.AuthorizedPaymentAsync(user.Id(), amount: 1500);
        var canceled = await _client.AuthorizedPaymentAsync(user.Id(), amount: 700);

        await _client.CaptureAsync(captured.Id(), amount: 1200);
        await _client.CancelAsync(canceled.Id());

        await EmailAsync("Your receipt for $12.00", email);
        await EmailAsync("Your payment of $7.00 was canceled", email);
    }

    private async Task EmailAsync(string subject, string email) =>
        await Eventually.Until(
            async () => (await PickupAsync()).Any(m => m.Subject == subject && m.To.Mailboxes.Any(a => a.Address == email)),
            found => found,
            $"'{subject}' to {email} in the pickup folder");

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

public sealed class SqliteCaptureApiTests(SqliteApiFixture fixture) : CaptureApiTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresCaptureApiTests(PostgresApiFixture fixture) : CaptureApiTests(fixture), IClassFixture<PostgresApiFixture>;
