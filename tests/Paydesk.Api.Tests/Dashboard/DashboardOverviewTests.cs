using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Paydesk.Domain.Common;
using Paydesk.Domain.Operators;

namespace Paydesk.Api.Tests.Dashboard;

/// <summary>The overview page in a real browser, over payments made through the API.</summary>
public sealed class DashboardOverviewTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    [Fact]
    public async Task The_chart_has_a_bar_for_each_day_with_payments_and_today_has_its_totals()
    {
        using var api = fixture.Factory.CreateClientWithKey();
        var user = (await api.RegisterUserAsync()).Str("id");
        await api.ChargedPaymentAsync(user, amount: 2500, currency: "EUR");
        var earlier = (await api.ChargedPaymentAsync(user, amount: 1000, currency: "EUR")).Str("id");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var threeDaysAgo = today.AddDays(-3);
        await using (var db = fixture.Database.CreateContext())
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == new PaymentId(Guid.Parse(earlier)));
            var moved = new DateTimeOffset(threeDaysAgo.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            await db.Payments.Where(p => p.Id == payment.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.CreatedAt, moved));
        }

        await using var session = await fixture.SignedInPageAsync(OperatorRole.Viewer);
        var page = session.Page;
        await page.GotoAsync("/dashboard");

        var bars = page.Locator("svg#chart-eur rect.bar");
        await Assertions.Expect(bars).ToHaveCountAsync(2);
        var dates = await bars.EvaluateAllAsync<string[]>("rects => rects.map(r => r.dataset.date)");
        Assert.Equal([Day(threeDaysAgo), Day(today)], dates);
        var heights = await bars.EvaluateAllAsync<double[]>("rects => rects.map(r => r.height.baseVal.value)");
        Assert.True(heights[1] > heights[0], $"The 25.00 EUR day should be taller than the 10.00 EUR day: {string.Join(", ", heights)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Gross amount per day in EUR, last 30 days" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table).First).ToContainTextAsync("25.00 EUR");
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task The_overview_shows_backlog_dead_letters_pending_age_and_readiness()
    {
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        var page = session.Page;

        await page.GotoAsync("/dashboard");

        await Assertions.Expect(page.Locator("#readiness")).ToHaveTextAsync("Healthy");
        Assert.Matches("^[0-9]+$", (await page.Locator("#outbox-backlog").TextContentAsync())!.Trim());
        Assert.Matches("^[0-9]+$", (await page.Locator("#dead-letters").TextContentAsync())!.Trim());
        Assert.NotEmpty((await page.Locator("#oldest-pending").TextContentAsync())!.Trim());
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Readiness checks (as /health/ready reports them)" })).ToContainTextAsync("Healthy");
        Assert.Empty(session.CspViolations);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
