using Microsoft.Playwright;
using Paydesk.Dashboard.Security;
using Paydesk.Domain.Operators;

namespace Paydesk.Api.Tests.Dashboard;

/// <summary>The service in Production: the Secure cookie, the embedded stylesheet and the CSP are the same as anywhere.</summary>
public sealed class DashboardProductionTests(ProductionDashboardFixture fixture) : IClassFixture<ProductionDashboardFixture>
{
    [Fact]
    public async Task In_production_an_operator_signs_in_with_a_secure_cookie_and_the_page_is_styled()
    {
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        var page = session.Page;

        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == DashboardAuthentication.CookieName);
        var stylesheet = await page.APIRequest.GetAsync(await page.Locator("link[rel=stylesheet]").GetAttributeAsync("href") ?? "missing");
        var skipLinkPosition = await page.Locator(".skip-link").EvaluateAsync<string>("link => getComputedStyle(link).position");

        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(200, stylesheet.Status);
        Assert.StartsWith("text/css", stylesheet.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("absolute", skipLinkPosition);
        Assert.Empty(session.CspViolations);
    }
}

public sealed class ProductionDashboardFixture : DashboardBrowserFixture
{
    protected override string EnvironmentName => "Production";
}
