using CsvHelper;
using Microsoft.Playwright;
using Paydesk.Domain.Operators;

namespace Paydesk.Api.Tests.Dashboard;

/// <summary>Finding payments and users on the dashboard in a real browser, and the CSV of a search.</summary>
public sealed class DashboardLookupTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    [Fact]
    public async Task A_payment_is_found_by_currency_and_metadata_through_a_shareable_address()
    {
        var order = $"order-{Guid.NewGuid():N}";
        var userId = await fixture.UserAsync();
        var wanted = await fixture.PaymentAsync(userId, 1_200, "EUR", new Dictionary<string, string> { ["order"] = order });
        await fixture.PaymentAsync(userId, 1_200, "USD", new Dictionary<string, string> { ["order"] = order });
        await fixture.PaymentAsync(userId, 1_200, "EUR");
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Viewer);
        var page = session.Page;

        await page.GotoAsync("/dashboard/payments");
        await page.GetByLabel("Currency").SelectOptionAsync("EUR");
        await page.GetByLabel("Metadata key").FillAsync("order");
        await page.GetByLabel("Metadata value").FillAsync(order);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("currency=EUR", StringComparison.Ordinal));
        var rows = page.Locator("table.payments tbody tr");

        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Link, new() { Name = wanted.Str("id") }))
            .ToHaveAttributeAsync("href", $"/dashboard/payments/{wanted.Str("id")}");
        await Assertions.Expect(rows.First).ToContainTextAsync("12.00 EUR");
        Assert.Contains($"metadataValue={order}", page.Url, StringComparison.Ordinal);
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task Bad_filters_come_back_marked_on_their_fields_as_a_400()
    {
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Viewer);
        var page = session.Page;

        var response = await page.GotoAsync("/dashboard/payments?userId=not-a-uuid&metadataKey=order");

        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.GetByLabel("User id")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Metadata value")).ToHaveAttributeAsync("aria-invalid", "true");
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_csv_download_holds_every_payment_the_filters_match()
    {
        var userId = await fixture.UserAsync();
        var first = await fixture.PaymentAsync(userId, 1_000, "GBP");
        var second = await fixture.PaymentAsync(userId, 2_000, "GBP");
        await fixture.PaymentAsync(userId, 3_000, "EUR");
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Viewer);
        var page = session.Page;
        await page.GotoAsync($"/dashboard/payments?userId={userId}&currency=GBP");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        await using var file = File.OpenRead(await download.PathAsync());
        using var csv = CsvReader.Create(file, new CsvReaderOptions(), leaveOpen: true);
        csv.ReadHeader();
        var rows = new List<(string Id, string Amount, string Currency)>();
        while (csv.Read())
        {
            rows.Add((csv.GetString("id"), csv.GetString("amount"), csv.GetString("currency")));
        }

        Assert.Equal("payments.csv", download.SuggestedFilename);
        Assert.Equal(
            [(first.Str("id"), "1000", "GBP"), (second.Str("id"), "2000", "GBP")],
            rows.OrderBy(r => r.Amount, StringComparer.Ordinal));
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task A_user_is_found_by_email_in_another_case_with_their_payments()
    {
        var email = $"Grace.Hopper-{Guid.NewGuid():N}@Example.com";
        var userId = await fixture.UserAsync(email);
        var payment = await fixture.PaymentAsync(userId, 4_200, "EUR");
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Viewer);
        var page = session.Page;

        await page.GotoAsync("/dashboard/users");
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Email").FillAsync(email.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();

        await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync(userId);
        await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync(email);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = payment.Str("id") }))
            .ToHaveAttributeAsync("href", $"/dashboard/payments/{payment.Str("id")}");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("42.00 EUR");
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task An_email_nobody_registered_is_said_so()
    {
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Viewer);
        var page = session.Page;

        var response = await page.GotoAsync($"/dashboard/users?email=nobody-{Guid.NewGuid():N}@example.com");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No user has the email");
    }
}
