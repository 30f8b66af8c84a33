using System.Net;

namespace Paydesk.Api.Tests;

public abstract class RefundsApiTests(ApiFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();

    [Fact]
    public async Task A_partial_refund_then_the_rest_refunds_the_whole_payment()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id(), amount: 1000);

        var partial = await _client.RefundAsync(payment.Id(), amount: 300);
        var rest = await _client.RefundAsync(payment.Id());

        Assert.Equal(HttpStatusCode.Created, partial.StatusCode);
        var first = await partial.ReadJsonAsync();
        Assert.Equal(300, first.Long("amount"));
        Assert.Equal("succeeded", first.Str("status"));
        Assert.Equal("USD", first.Str("currency"));
        Assert.Equal(700, (await rest.ReadJsonAsync()).Long("amount"));
        var stored = await (await _client.GetAsync($"/v1/payments/{payment.Id()}")).ReadJsonAsync();
        Assert.Equal("refunded", stored.Str("status"));
        Assert.Equal(1000, stored.Long("amountRefunded"));
    }

    [Fact]
    public async Task A_refund_larger_than_what_remains_is_409()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id(), amount: 1000);
        await _client.RefundAsync(payment.Id(), amount: 600);

        var response = await _client.RefundAsync(payment.Id(), amount: 401);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "refund_exceeds_remaining");
    }

    [Fact]
    public async Task A_failed_payment_cannot_be_refunded()
    {
        var user = await _client.RegisterUserAsync();
        var declined = await (await _client.ChargeAsync(user.Id(), source: "pm_card_chargeDeclined")).ReadJsonAsync();

        var response = await _client.RefundAsync(declined.Id());

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "payment_not_refundable");
    }

    [Fact]
    public async Task A_repeated_refund_replays_and_refunds_once()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id(), amount: 1000);
        var key = Guid.NewGuid().ToString();
        var first = await _client.RefundAsync(payment.Id(), amount: 250, idempotencyKey: key);
        var refundCalls = fixture.Emulator.RefundRequests;

        var repeat = await _client.RefundAsync(payment.Id(), amount: 250, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Equal(refundCalls, fixture.Emulator.RefundRequests);
        var stored = await (await _client.GetAsync($"/v1/payments/{payment.Id()}")).ReadJsonAsync();
        Assert.Equal(250, stored.Long("amountRefunded"));
    }

    [Fact]
    public async Task A_refund_key_reused_for_another_payment_is_422()
    {
        var user = await _client.RegisterUserAsync();
        var one = await _client.ChargedPaymentAsync(user.Id());
        var two = await _client.ChargedPaymentAsync(user.Id());
        var key = Guid.NewGuid().ToString();
        await _client.RefundAsync(one.Id(), amount: 100, idempotencyKey: key);

        var response = await _client.RefundAsync(two.Id(), amount: 100, idempotencyKey: key);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Fact]
    public async Task Refunding_an_unknown_payment_is_404()
    {
        var response = await _client.RefundAsync(Guid.NewGuid().ToString());

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "payment_not_found");
    }

    [Fact]
    public async Task Parallel_refunds_never_exceed_the_amount()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id(), amount: 1000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _client.RefundAsync(payment.Id(), amount: 400)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var refunded = responses.Count(r => r.StatusCode == HttpStatusCode.Created) * 400;
        Assert.InRange(refunded, 400, 800);
        var stored = await (await _client.GetAsync($"/v1/payments/{payment.Id()}")).ReadJsonAsync();
        Assert.Equal(refunded, stored.Long("amountRefunded"));
    }
}

public sealed class SqliteRefundsApiTests(SqliteApiFixture fixture) : RefundsApiTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresRefundsApiTests(PostgresApiFixture fixture) : RefundsApiTests(fixture), IClassFixture<PostgresApiFixture>;
