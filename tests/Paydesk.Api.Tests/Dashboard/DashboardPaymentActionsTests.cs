using Microsoft.Playwright;
using Paydesk.Domain.Operators;

namespace Paydesk.Api.Tests.Dashboard;

/// <summary>An admin's refund, capture and cancel on the payment page, in a real browser, through the confirmation step.</summary>
public sealed class DashboardPaymentActionsTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    private static readonly string AdminActor = $"dashboard ({DashboardBrowserFixture.AdminName})";

    [Fact]
    public async Task A_partial_refund_is_confirmed_answered_and_recorded_in_the_timeline_with_the_operator()
    {
        var payment = await fixture.PaymentAsync(await fixture.UserAsync(), 5_000, "EUR");
        var id = payment.Str("id");
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        var page = session.Page;

        await page.GotoAsync($"/dashboard/payments/{id}");
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Amount").FillAsync("12.00");
        await page.GetByLabel("Reason").First.FillAsync("damaged in transit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund…" }).ClickAsync();
        await Assertions.Expect(page.Locator(".question")).ToHaveTextAsync($"Refund 12.00 EUR of payment {id} (reason: damaged in transit)?");
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        var answer = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(answer).ToContainTextAsync("Refunded 12.00 EUR");
        await Assertions.Expect(answer).ToContainTextAsync("The payment is now partially_refunded.");
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the payment" }).ClickAsync();
        var refundEntry = page.Locator("ol.timeline li").Filter(new() { HasText = "refund " }).Filter(new() { HasText = "pending → succeeded" });

        await Assertions.Expect(refundEntry).ToContainTextAsync(AdminActor);
        await Assertions.Expect(refundEntry).ToContainTextAsync("12.00 EUR");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).Filter(new() { HasText = "damaged in transit" })).ToBeVisibleAsync();
        Assert.Equal(1_200, (await fixture.ApiPaymentAsync(id)).GetProperty("amountRefunded").GetInt64());
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task A_double_click_on_confirm_and_a_resubmit_of_the_same_form_refund_once()
    {
        var payment = await fixture.PaymentAsync(await fixture.UserAsync(), 5_000, "EUR");
        var id = payment.Str("id");
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        var page = session.Page;
        await page.GotoAsync($"/dashboard/payments/{id}");
        await page.GetByLabel("Amount").FillAsync("5.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund…" }).ClickAsync();
        var confirmForm = page.Locator("form.confirm");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in await confirmForm.Locator("input[type=hidden]").AllAsync())
        {
            fields[(await input.GetAttributeAsync("name"))!] = await input.GetAttributeAsync("value") ?? string.Empty;
        }

        var refundsBefore = fixture.Factory.Emulator.RefundRequests;

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).DblClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("5.00 EUR");
        using var client = await fixture.RawClientWithCookiesOfAsync(page);
        using var form = new FormUrlEncodedContent(fields);
        using var resubmit = await client.PostAsync(new Uri($"/dashboard/payments/{id}/refund?handler=confirm", UriKind.Relative), form);
        var resubmitted = await resubmit.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, resubmit.StatusCode);
        Assert.Contains("This form had already been submitted", resubmitted, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Factory.Emulator.RefundRequests - refundsBefore);
        Assert.Equal(500, (await fixture.ApiPaymentAsync(id)).GetProperty("amountRefunded").GetInt64());
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task A_refund_beyond_what_remains_is_refused_in_words_and_moves_nothing()
    {
        var payment = await fixture.PaymentAsync(await fixture.UserAsync(), 1_000, "EUR");
        var id = payment.Str("id");
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        var page = session.Page;
        await page.GotoAsync($"/dashboard/payments/{id}");
        await page.GetByLabel("Amount").FillAsync("10.01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund…" }).ClickAsync();
        var refundsBefore = fixture.Factory.Emulator.RefundRequests;

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("exceeds the 1000 minor units that remain refundable");
        Assert.Equal(0, fixture.Factory.Emulator.RefundRequests - refundsBefore);
        Assert.Equal(0, (await fixture.ApiPaymentAsync(id)).GetProperty("amountRefunded").GetInt64());
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_manual_capture_payment_is_captured_in_part_and_another_is_canceled()
    {
        var userId = await fixture.UserAsync();
        var toCapture = (await fixture.PaymentAsync(userId, 1_500, "USD", capture: "manual")).Str("id");
        var toCancel = (await fixture.PaymentAsync(userId, 1_500, "USD", capture: "manual")).Str("id");
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        var page = session.Page;

        await page.GotoAsync($"/dashboard/payments/{toCapture}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refund…" })).ToHaveCountAsync(0);
        await page.GetByLabel("Amount").FillAsync("10.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Capture…" }).ClickAsync();
        await Assertions.Expect(page.Locator(".question")).ToHaveTextAsync($"Capture 10.00 USD of payment {toCapture} and release the other 5.00 USD?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("the payment is now succeeded, 10.00 USD captured");

        await page.GotoAsync($"/dashboard/payments/{toCancel}");
        await page.GetByLabel("Reason").FillAsync("out of stock");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel payment…" }).ClickAsync();
        await Assertions.Expect(page.Locator(".question")).ToContainTextAsync($"Cancel payment {toCancel}, releasing the 15.00 USD held on the card");
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("the payment is now canceled");
        await page.GotoAsync($"/dashboard/payments/{toCancel}");

        // Who applied the cancel is whoever came first, the gateway's webhook or its answer to the
        // dashboard; the timeline shows the change either way.
        await Assertions.Expect(page.Locator("ol.timeline li").Filter(new() { HasText = "requires_capture → canceled" })).ToHaveCountAsync(1);
        var captured = await fixture.ApiPaymentAsync(toCapture);
        Assert.Equal("succeeded", captured.Str("status"));
        Assert.Equal(1_000, captured.GetProperty("amount").GetInt64());
        Assert.Equal(500, captured.GetProperty("amountReleased").GetInt64());
        var canceled = await fixture.ApiPaymentAsync(toCancel);
        Assert.Equal("canceled", canceled.Str("status"));
        Assert.Equal("out of stock", canceled.Str("cancellationReason"));
        Assert.Empty(session.CspViolations);
    }
}
