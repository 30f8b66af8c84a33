using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Paydesk.Infrastructure.Database;
using Paydesk.Api.Tests.Disputes;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>Runs on a database and a clock of its own, so the totals are exact.</summary>
public abstract class DailyTotalsApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 2, 27, 23, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private StripeEmulator _emulator = null!;
    private PaydeskApiFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _emulator = await PaydeskApiFactory.StartEmulatorAsync();
        _factory = new PaydeskApiFactory(_database, _emulator, _clock);
        _client = _factory.CreateClientWithKey();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _emulator.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_report_totals_charges_and_refunds_per_utc_day_and_currency()
    {
        var user = await _client.RegisterUserAsync();
        var usd = await _client.ChargedPaymentAsync(user.Id(), amount: 1500, currency: "USD");
        await _client.ChargedPaymentAsync(user.Id(), amount: 2500, currency: "USD");
        await _client.ChargedPaymentAsync(user.Id(), amount: 1500, currency: "JPY");
        await _client.ChargeAsync(user.Id(), amount: 999, source: "pm_card_chargeDeclined");
        _clock.Advance(TimeSpan.FromHours(2));
        await _client.RefundAsync(usd.Id(), amount: 500);

        var report = await (await _client.GetAsync("/v1/reports/daily-totals?from=2026-02-27&to=2026-02-28")).ReadJsonAsync();

        var rows = report.GetProperty("data").EnumerateArray()
            .Select(r => $"{r.Str("date")} {r.Str("currency")} {r.Long("succeededCount")} {r.Long("failedCount")} {r.Long("grossAmount")} {r.Long("refundedAmount")} {r.Long("netAmount")}")
            .ToList();
        Assert.Equal(
            [
                "2026-02-27 JPY 1 0 1500 0 1500",
                "2026-02-27 USD 2 1 4000 0 4000",
                "2026-02-28 USD 0 0 0 500 -500",
            ],
            rows);
    }

    [Fact]
    public async Task Captured_money_counts_on_the_day_of_capture_and_an_authorization_not_at_all()
    {
        var user = await _client.RegisterUserAsync();
        var captured = await _client.AuthorizedPaymentAsync(user.Id(), amount: 1500);
        await _client.AuthorizedPaymentAsync(user.Id(), amount: 700);
        _clock.Advance(TimeSpan.FromHours(2));
        var capture = await _client.CaptureAsync(captured.Id(), amount: 1200);
        Assert.Equal(HttpStatusCode.OK, capture.StatusCode);

        var report = await (await _client.GetAsync("/v1/reports/daily-totals?from=2026-02-27&to=2026-02-28")).ReadJsonAsync();

        var rows = report.GetProperty("data").EnumerateArray()
            .Select(r => $"{r.Str("date")} {r.Str("currency")} {r.Long("succeededCount")} {r.Long("failedCount")} {r.Long("grossAmount")} {r.Long("refundedAmount")} {r.Long("netAmount")}")
            .ToList();
        // The authorization left uncaptured is on its day with nothing counted, as a pending charge is.
        Assert.Equal(["2026-02-27 USD 0 0 0 0 0", "2026-02-28 USD 1 0 1200 0 1200"], rows);
    }

    [Fact]
    public async Task Disputes_count_on_the_day_they_open_and_lost_funds_come_off_net_until_reinstated()
    {
        var user = await _client.RegisterUserAsync();
        var won = await _client.ChargedPaymentAsync(user.Id(), amount: 1500, currency: "USD");
        var lost = await _client.ChargedPaymentAsync(user.Id(), amount: 2500, currency: "USD");
        var before = await RowsAsync();
        var wonDispute = DisputeEvents.NewDisputeId();
        await SendDisputeAsync("charge.dispute.created", wonDispute, won, "needs_response", 1500, []);
        await SendDisputeAsync("charge.dispute.funds_withdrawn", wonDispute, won, "needs_response", 1500, [-1500]);
        var opened = await RowsAsync();

        _clock.Advance(TimeSpan.FromHours(2));
        await SendDisputeAsync("charge.dispute.closed", wonDispute, won, "won", 1500, [-1500, 1500]);
        await SendDisputeAsync("charge.dispute.funds_reinstated", wonDispute, won, "won", 1500, [-1500, 1500]);
        var lostDispute = DisputeEvents.NewDisputeId();
        await SendDisputeAsync("charge.dispute.funds_withdrawn", lostDispute, lost, "needs_response", 2500, [-2500]);
        await SendDisputeAsync("charge.dispute.closed", lostDispute, lost, "lost", 2500, [-2500]);
        var after = await RowsAsync();

        Assert.Equal(["2026-02-27 USD 2 0 4000 0 4000 0 0"], before);
        Assert.Equal(["2026-02-27 USD 2 0 4000 0 2500 1500 1500"], opened);
        Assert.Equal(["2026-02-27 USD 2 0 4000 0 4000 1500 0", "2026-02-28 USD 0 0 0 0 -2500 2500 2500"], after);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?from=2026-01-01")]
    [InlineData("?from=2026-01-01&to=2025-12-31")]
    [InlineData("?from=2026-01-01&to=2027-01-02")]
    [InlineData("?from=2026-02-30&to=2026-03-01")]
    [InlineData("?from=01/01/2026&to=2026-03-01")]
    public async Task Bad_date_ranges_are_400(string query)
    {
        var response = await _client.GetAsync($"/v1/reports/daily-totals{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_range_of_366_days_is_accepted()
    {
        var response = await _client.GetAsync("/v1/reports/daily-totals?from=2024-01-01&to=2024-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task SendDisputeAsync(string type, string disputeId, JsonElement payment, string status, long amount, long[] funds)
    {
        var now = _clock.GetUtcNow();
        var body = DisputeEvents.Body(type, disputeId, payment.Str("gatewayReference"), status, now, amount, funds);
        using var anonymous = _factory.CreateClient();
        var response = await DisputeEvents.SendAsync(anonymous, body, now);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<List<string>> RowsAsync()
    {
        var report = await (await _client.GetAsync("/v1/reports/daily-totals?from=2026-02-27&to=2026-02-28")).ReadJsonAsync();
        return [.. report.GetProperty("data").EnumerateArray()
            .Select(r => $"{r.Str("date")} {r.Str("currency")} {r.Long("succeededCount")} {r.Long("failedCount")} {r.Long("grossAmount")} {r.Long("refundedAmount")} {r.Long("netAmount")} {r.Long("disputedAmount")} {r.Long("lostAmount")}")];
    }
}

public sealed class SqliteDailyTotalsApiTests() : DailyTotalsApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresDailyTotalsApiTests() : DailyTotalsApiTests(DatabaseProvider.Postgres);
