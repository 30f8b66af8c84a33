using System.Net;
using Microsoft.Playwright;
using Paydesk.Domain.Operators;

namespace Paydesk.Api.Tests.Dashboard;

/// <summary>A viewer reads payments but can act on none: no button shows, and the server refuses a forged action.</summary>
public sealed class DashboardViewerTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    [Fact]
    public async Task A_viewer_sees_the_payment_and_its_history_but_no_action()
    {
        var userId = await fixture.UserAsync();
        var succeeded = (await fixture.PaymentAsync(userId, 2_000, "EUR")).Str("id");
        var authorized = (await fixture.PaymentAsync(userId, 2_000, "EUR", capture: "manual")).Str("id");
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Viewer);
        var page = session.Page;

        foreach (var id in new[] { succeeded, authorized })
        {
            await page.GotoAsync($"/dashboard/payments/{id}");

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("ol.timeline li").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Actions" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("main form[method=post]")).ToHaveCountAsync(0);
            await DashboardBrowserFixture.AssertAccessibleAsync(page);
        }

        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task A_forged_action_from_a_viewer_with_a_valid_antiforgery_token_is_refused_403_and_moves_nothing()
    {
        var id = (await fixture.PaymentAsync(await fixture.UserAsync(), 2_000, "EUR")).Str("id");
        await using var viewer = await fixture.SignedInPageAsync(OperatorRole.Viewer);
        await using var admin = await fixture.SignedInPageAsync(OperatorRole.Admin);
        await viewer.Page.GotoAsync($"/dashboard/payments/{id}");
        await admin.Page.GotoAsync($"/dashboard/payments/{id}");
        using var viewerClient = await fixture.RawClientWithCookiesOfAsync(viewer.Page);
        using var adminClient = await fixture.RawClientWithCookiesOfAsync(admin.Page);
        var viewerToken = await DashboardBrowserFixture.AntiforgeryFieldOfAsync(viewer.Page);
        var adminToken = await DashboardBrowserFixture.AntiforgeryFieldOfAsync(admin.Page);
        Dictionary<string, string> Refund(KeyValuePair<string, string> token) => new()
        {
            [token.Key] = token.Value,
            ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
            ["amount"] = "5.00",
        };
        var refundsBefore = fixture.Factory.Emulator.RefundRequests;

        var viewerAsks = await DashboardBrowserFixture.PostFormAsync(viewerClient, $"/dashboard/payments/{id}/refund", Refund(viewerToken));
        var viewerConfirms = await DashboardBrowserFixture.PostFormAsync(viewerClient, $"/dashboard/payments/{id}/refund?handler=confirm", Refund(viewerToken));
        var viewerCancels = await DashboardBrowserFixture.PostFormAsync(viewerClient, $"/dashboard/payments/{id}/cancel?handler=confirm", Refund(viewerToken));
        var adminAsks = await DashboardBrowserFixture.PostFormAsync(adminClient, $"/dashboard/payments/{id}/refund", Refund(adminToken));

        Assert.Equal(HttpStatusCode.Forbidden, viewerAsks);
        Assert.Equal(HttpStatusCode.Forbidden, viewerConfirms);
        Assert.Equal(HttpStatusCode.Forbidden, viewerCancels);
        Assert.Equal(HttpStatusCode.OK, adminAsks);
        Assert.Equal(0, fixture.Factory.Emulator.RefundRequests - refundsBefore);
        var payment = await fixture.ApiPaymentAsync(id);
        Assert.Equal(0, payment.GetProperty("amountRefunded").GetInt64());
        Assert.Equal("succeeded", payment.Str("status"));
    }
}
