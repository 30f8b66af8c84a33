using CsCheck;
using Xunit.Abstractions;

namespace Paydesk.Api.Tests.BadInput;

/// <summary>
/// Property-based: thousands of generated bad requests per endpoint (CsCheck), in process on
/// SQLite. Each answers 4xx with ProblemDetails and none changes a row. CsCheck shrinks a failure
/// to the smallest request that still fails and prints it with its seed.
/// </summary>
public sealed class GeneratedBadInputTests(SqliteBadInputFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteBadInputFixture>
{
    public static TheoryData<string, int> Endpoints => new()
    {
        { "POST /v1/users", 2000 },
        { "POST /v1/payments", 2500 },
        { "POST /v1/payments/{id}/refunds", 2000 },
        { "GET /v1/users|payments/{id}", 1000 },
        { "GET /v1/users/{id}/payments", 1500 },
        { "GET /v1/reports/daily-totals", 1000 },
        { "envelope", 1500 },
    };

    [Fact]
    public void The_suite_sends_at_least_10000_generated_requests()
    {
        var total = Endpoints.Sum(row => (int)row[1]);

        output.WriteLine($"Generated bad requests in the suite: {total}.");
        Assert.True(total >= 10_000, $"Only {total} generated requests.");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Generated_bad_requests_are_4xx_problems_and_change_nothing(string endpoint, int requests)
    {
        var gen = endpoint switch
        {
            "POST /v1/users" => BadInputGen.RegisterUser(),
            "POST /v1/payments" => BadInputGen.CreatePayment(fixture.UserId),
            "POST /v1/payments/{id}/refunds" => BadInputGen.RefundPayment(fixture.PaymentId, fixture.PaymentAmount),
            "GET /v1/users|payments/{id}" => BadInputGen.GetById(),
            "GET /v1/users/{id}/payments" => BadInputGen.ListUserPayments(fixture.UserId),
            "GET /v1/reports/daily-totals" => BadInputGen.DailyTotals(),
            "envelope" => BadInputGen.Envelope(fixture.UserId, fixture.PaymentId),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Unknown endpoint."),
        };
        using var client = fixture.Factory.CreateClientWithKey();
        var before = await fixture.CountRowsAsync();
        var sent = 0;

        await gen.SampleAsync(
            async probe =>
            {
                Interlocked.Increment(ref sent);
                await probe.AssertRejectedAsync(client);
            },
            iter: requests,
            threads: 2,
            print: probe => probe.ToString());

        output.WriteLine($"{endpoint}: {sent} generated requests, every one a 4xx ProblemDetails.");
        Assert.True(sent >= requests, $"Only {sent} of {requests} requests were sent.");
        Assert.Equal(before, await fixture.CountRowsAsync());
    }
}
