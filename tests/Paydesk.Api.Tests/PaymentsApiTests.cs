using System.Net;
using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Common;

namespace Paydesk.Api.Tests;

public abstract class PaymentsApiTests(ApiFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();

    [Theory]
    [InlineData("pm_card_visa", "succeeded", null)]
    [InlineData("pm_card_mastercard", "succeeded", null)]
    [InlineData("pm_card_chargeDeclined", "failed", "card_declined")]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "failed", "insufficient_funds")]
    [InlineData("pm_card_chargeDeclinedExpiredCard", "failed", "expired_card")]
    [InlineData("pm_card_authenticationRequired", "failed", "authentication_required")]
    public async Task Each_test_payment_method_ends_as_the_gateway_says(string source, string status, string? failureCode)
    {
        var user = await _client.RegisterUserAsync();

        var response = await _client.ChargeAsync(user.Id(), amount: 1500, currency: "USD", source: source);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await response.ReadJsonAsync();
        Assert.Equal(status, payment.Str("status"));
        Assert.Equal(user.Id(), payment.Str("userId"));
        Assert.Equal(1500, payment.Long("amount"));
        Assert.Equal("USD", payment.Str("currency"));
        Assert.Equal(source, payment.Str("source"));
        Assert.Equal(failureCode, payment.GetProperty("failureCode").GetString());
        Assert.StartsWith("pi_", payment.Str("gatewayReference"), StringComparison.Ordinal);
        Assert.Equal($"/v1/payments/{payment.Id()}", response.Headers.Location?.OriginalString);
        var stored = await (await _client.GetAsync($"/v1/payments/{payment.Id()}")).ReadJsonAsync();
        Assert.Equal(payment.GetRawText(), stored.GetRawText());
    }

    [Fact]
    public async Task An_unknown_payment_method_is_422_and_recorded_as_failed()
    {
        var user = await _client.RegisterUserAsync();

        var response = await _client.ChargeAsync(user.Id(), source: "pm_card_unknown");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_payment_method");
        var stored = await (await _client.GetAsync($"/v1/payments/{problem.Str("paymentId")}")).ReadJsonAsync();
        Assert.Equal("failed", stored.Str("status"));
    }

    [Fact]
    public async Task A_repeat_of_a_rejected_charge_replays_the_same_422_without_charging_again()
    {
        var user = await _client.RegisterUserAsync();
        var key = Guid.NewGuid().ToString();
        var first = await _client.ChargeAsync(user.Id(), source: "pm_card_unknown", idempotencyKey: key);
        var firstProblem = await first.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_payment_method");
        var callsAfterFirst = fixture.Emulator.ChargeRequests;

        var repeat = await _client.ChargeAsync(user.Id(), source: "pm_card_unknown", idempotencyKey: key);

        var repeatProblem = await repeat.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_payment_method");
        Assert.Equal(firstProblem.Str("paymentId"), repeatProblem.Str("paymentId"));
        Assert.Equal(firstProblem.Str("detail"), repeatProblem.Str("detail"));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(callsAfterFirst, fixture.Emulator.ChargeRequests);
    }

    [Fact]
    public async Task Charging_an_unknown_user_is_404_and_never_reaches_the_gateway()
    {
        var callsBefore = fixture.Emulator.ChargeRequests;

        var response = await _client.ChargeAsync(Guid.NewGuid().ToString());

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        Assert.Equal(callsBefore, fixture.Emulator.ChargeRequests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(256)]
    public async Task A_charge_without_a_valid_idempotency_key_is_400(int? keyLength)
    {
        var key = keyLength is { } length ? new string('k', length) : null;
        var user = await _client.RegisterUserAsync();

        var response = await _client.PostJsonAsync("/v1/payments", new { userId = user.Id(), amount = 100, currency = "USD", source = "pm_card_visa" }, key);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Theory]
    [InlineData(0, "USD", "pm_card_visa", "amount")]
    [InlineData(-5, "USD", "pm_card_visa", "amount")]
    [InlineData(100_000_000, "USD", "pm_card_visa", "amount")]
    [InlineData(100, "usd", "pm_card_visa", "currency")]
    [InlineData(100, "XXX", "pm_card_visa", "currency")]
    [InlineData(100, "USD", "4242424242424242", "source")]
    public async Task Invalid_charge_fields_are_named_in_a_400(long amount, string currency, string source, string field)
    {
        var user = await _client.RegisterUserAsync();

        var response = await _client.ChargeAsync(user.Id(), amount, currency, source);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_repeat_with_the_same_key_and_body_replays_without_calling_the_gateway()
    {
        var user = await _client.RegisterUserAsync();
        var key = Guid.NewGuid().ToString();
        var first = await _client.ChargeAsync(user.Id(), idempotencyKey: key);
        var firstBody = await first.Content.ReadAsStringAsync();
        var callsAfterFirst = fixture.Emulator.ChargeRequests;

        var repeat = await _client.ChargeAsync(user.Id(), idempotencyKey: key);

        Assert.Equal(first.StatusCode, repeat.StatusCode);
        Assert.Equal(firstBody, await repeat.Content.ReadAsStringAsync());
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(callsAfterFirst, fixture.Emulator.ChargeRequests);
    }

    [Fact]
    public async Task A_declined_charge_replays_as_declined()
    {
        var user = await _client.RegisterUserAsync();
        var key = Guid.NewGuid().ToString();
        var first = await _client.ChargeAsync(user.Id(), source: "pm_card_chargeDeclined", idempotencyKey: key);

        var repeat = await _client.ChargeAsync(user.Id(), source: "pm_card_chargeDeclined", idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422()
    {
        var user = await _client.RegisterUserAsync();
        var key = Guid.NewGuid().ToString();
        await _client.ChargeAsync(user.Id(), amount: 100, idempotencyKey: key);

        var response = await _client.ChargeAsync(user.Id(), amount: 200, idempotencyKey: key);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Fact]
    public async Task Idempotency_keys_belong_to_the_api_key_that_sent_them()
    {
        using var other = fixture.Factory.CreateClientWithKey(PaydeskApiFactory.OtherApiKey);
        var user = await _client.RegisterUserAsync();
        var key = Guid.NewGuid().ToString();

        var mine = await (await _client.ChargeAsync(user.Id(), idempotencyKey: key)).ReadJsonAsync();
        var theirs = await (await other.ChargeAsync(user.Id(), idempotencyKey: key)).ReadJsonAsync();

        Assert.NotEqual(mine.Id(), theirs.Id());
    }

    [Fact]
    public async Task Twenty_parallel_requests_with_one_key_make_one_payment_and_one_gateway_call()
    {
        var user = await _client.RegisterUserAsync();
        var key = Guid.NewGuid().ToString();
        var callsBefore = fixture.Emulator.ChargeRequests;

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _client.ChargeAsync(user.Id(), idempotencyKey: key)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var ids = new HashSet<string>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            ids.Add((await response.ReadJsonAsync()).Id());
        }

        Assert.Equal(1, fixture.Emulator.PaymentIntentsCreatedFor(Guid.Parse(Assert.Single(ids))));
        Assert.Equal(callsBefore + 1, fixture.Emulator.ChargeRequests);
        await using var db = fixture.Database.CreateContext();
        var userId = new UserId(Guid.Parse(user.Id()));
        Assert.Equal(1, await db.Payments.CountAsync(p => p.UserId == userId));
    }

    [Fact]
    public async Task An_unknown_payment_is_404()
    {
        var response = await _client.GetAsync($"/v1/payments/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "payment_not_found");
    }
}

public sealed class SqlitePaymentsApiTests(SqliteApiFixture fixture) : PaymentsApiTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresPaymentsApiTests(PostgresApiFixture fixture) : PaymentsApiTests(fixture), IClassFixture<PostgresApiFixture>;
