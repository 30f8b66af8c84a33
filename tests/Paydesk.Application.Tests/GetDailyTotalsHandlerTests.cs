using System.Text.Json;
using FluentValidation;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Reports;

namespace Paydesk.Application.Tests;

public sealed class GetDailyTotalsHandlerTests
{
    private static async Task<ValidationException> RejectedAsync(string? from, string? to, FakeDailyTotalsQuery? query = null)
    {
        var totals = query ?? new FakeDailyTotalsQuery();
        var handler = new GetDailyTotalsHandler(totals);

        var exception = await Assert.ThrowsAsync<ValidationException>(() => handler.HandleAsync(new DailyTotalsQuery(from, to), CancellationToken.None));

        Assert.Empty(totals.Calls);
        return exception;
    }

    private static List<string> FailingProperties(ValidationException exception) =>
        exception.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Missing_from_is_reported_on_from(string? from)
    {
        var exception = await RejectedAsync(from, "2026-03-31");

        Assert.Equal(["from"], FailingProperties(exception));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Missing_to_is_reported_on_to(string? to)
    {
        var exception = await RejectedAsync("2026-03-01", to);

        Assert.Equal(["to"], FailingProperties(exception));
    }

    [Fact]
    public async Task Missing_from_and_to_are_both_reported()
    {
        var exception = await RejectedAsync(null, null);

        Assert.Equal(["from", "to"], FailingProperties(exception));
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("2026-02-30")]
    [InlineData("2025-02-29")]
    [InlineData("2026-1-1")]
    [InlineData("2026-01-1")]
    [InlineData("26-01-01")]
    [InlineData("yesterday")]
    [InlineData("2026/01/01")]
    [InlineData("20260101")]
    [InlineData("01-03-2026")]
    [InlineData(" 2026-01-01")]
    [InlineData("2026-01-01 ")]
    [InlineData("2026-01-01T00:00:00Z")]
    public async Task Badly_written_from_is_reported_on_from(string from)
    {
        var exception = await RejectedAsync(from, "2026-03-31");

        Assert.Equal(["from"], FailingProperties(exception));
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-1-1")]
    [InlineData("yesterday")]
    [InlineData("2026-04-31")]
    public async Task Badly_written_to_is_reported_on_to(string to)
    {
        var exception = await RejectedAsync("2026-01-01", to);

        Assert.Equal(["to"], FailingProperties(exception));
    }

    [Fact]
    public async Task To_before_from_is_reported_on_to()
    {
        var exception = await RejectedAsync("2026-03-02", "2026-03-01");

        Assert.Equal(["to"], FailingProperties(exception));
    }

    [Theory]
    [InlineData("2026-01-01", "2027-01-02")] // 367 days
    [InlineData("2024-01-01", "2025-01-01")] // 367 days across a leap year
    [InlineData("2020-01-01", "2026-01-01")]
    public async Task Range_longer_than_366_days_is_reported_on_to(string from, string to)
    {
        var exception = await RejectedAsync(from, to);

        Assert.Equal(["to"], FailingProperties(exception));
        Assert.Contains("366", exception.Errors.Single().ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-01-01", "2027-01-01", 2026, 1, 1, 2027, 1, 1)] // 366 days
    [InlineData("2024-01-01", "2024-12-31", 2024, 1, 1, 2024, 12, 31)] // a whole leap year
    [InlineData("2026-03-05", "2026-03-05", 2026, 3, 5, 2026, 3, 5)] // one day
    public async Task Range_of_up_to_366_days_is_passed_on_as_dates(string from, string to, int fy, int fm, int fd, int ty, int tm, int td)
    {
        var query = new FakeDailyTotalsQuery();
        var handler = new GetDailyTotalsHandler(query);

        var report = await handler.HandleAsync(new DailyTotalsQuery(from, to), CancellationToken.None);

        var call = Assert.Single(query.Calls);
        Assert.Equal(new DateOnly(fy, fm, fd), call.From);
        Assert.Equal(new DateOnly(ty, tm, td), call.To);
        Assert.Empty(report.Data);
    }

    [Fact]
    public async Task Rows_are_reported_as_the_read_model_gives_them()
    {
        DailyTotal[] rows =
        [
            new(new DateOnly(2026, 3, 5), "USD", 3, 1, 4500, 500, 4000),
            new(new DateOnly(2026, 3, 5), "JPY", 1, 0, 1200, 0, 1200),
            new(new DateOnly(2026, 11, 30), "EUR", 0, 2, 0, 0, 0),
        ];
        var handler = new GetDailyTotalsHandler(new FakeDailyTotalsQuery(rows));

        var report = await handler.HandleAsync(new DailyTotalsQuery("2026-03-01", "2026-12-01"), CancellationToken.None);

        Assert.Equal(rows, report.Data);
    }

    [Fact]
    public async Task Dates_are_written_year_month_day_with_four_digit_years()
    {
        var query = new FakeDailyTotalsQuery(new DailyTotal(new DateOnly(999, 1, 2), "USD", 1, 0, 100, 0, 100));
        var handler = new GetDailyTotalsHandler(query);

        var report = await handler.HandleAsync(new DailyTotalsQuery("0999-01-01", "0999-01-31"), CancellationToken.None);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, JsonSerializerOptions.Web));
        Assert.Equal("0999-01-02", json.RootElement.GetProperty("data")[0].GetProperty("date").GetString());
    }
}
