using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Paydesk.Application.Operators;
using Paydesk.Dashboard.Pages.Dashboard;
using Paydesk.Dashboard.Security;
using Paydesk.Domain.Operators;

namespace Paydesk.Api.Tests.Dashboard;

/// <summary>Signing in and out of the dashboard in a real browser, and what a forged request meets.</summary>
public sealed class DashboardSignInTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    [Fact]
    public async Task An_admin_signs_in_and_sees_every_section_in_the_navigation()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;

        await page.GotoAsync("/dashboard/sign-in");
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        await DashboardBrowserFixture.SignInAsync(page, DashboardBrowserFixture.AdminName, DashboardBrowserFixture.Password);

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(fixture.Origin, "/dashboard").ToString());
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Dashboard" });
        foreach (var (name, path) in new[] { ("Overview", "/dashboard"), ("Payments", "/dashboard/payments"), ("Users", "/dashboard/users"), ("Dead letters", "/dashboard/dead-letters") })
        {
            await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveAttributeAsync("href", path);
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_same_site_strict_and_secure_outside_development()
    {
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Viewer);

        var cookie = (await session.Page.Context.CookiesAsync()).Single(c => c.Name == DashboardAuthentication.CookieName);

        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
    }

    [Fact]
    public async Task Every_dashboard_answer_carries_the_strict_content_security_policy()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;

        var signInPage = await page.GotoAsync("/dashboard/sign-in");
        var stylesheet = await page.APIRequest.GetAsync("/dashboard/assets/dashboard.css");

        Assert.Equal(DashboardContentSecurityPolicy.Value, await signInPage!.HeaderValueAsync("content-security-policy"));
        Assert.Equal(200, stylesheet.Status);
        Assert.StartsWith("text/css", stylesheet.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal(DashboardContentSecurityPolicy.Value, stylesheet.Headers["content-security-policy"]);
        Assert.DoesNotContain("unsafe-inline", DashboardContentSecurityPolicy.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_telling_whether_the_name_exists()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;

        await DashboardBrowserFixture.SignInAsync(page, DashboardBrowserFixture.ViewerName, "not the password at all");
        var wrongPassword = await page.GetByRole(AriaRole.Alert).TextContentAsync();
        await DashboardBrowserFixture.SignInAsync(page, "nobody-by-this-name", "not the password at all");
        var unknownName = await page.GetByRole(AriaRole.Alert).TextContentAsync();

        Assert.Equal(SignInModel.WrongCredentials, wrongPassword?.Trim());
        Assert.Equal(wrongPassword, unknownName);
        Assert.EndsWith("/dashboard/sign-in", page.Url, StringComparison.Ordinal);
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_is_refused_next()
    {
        await fixture.CreateOperatorAsync("lockout-victim", OperatorRole.Viewer, DashboardBrowserFixture.Password);
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;

        for (var attempt = 1; attempt <= Operator.MaxFailedAttempts; attempt++)
        {
            await DashboardBrowserFixture.SignInAsync(page, "lockout-victim", $"wrong password {attempt}");
        }

        var afterFifth = await page.GetByRole(AriaRole.Alert).TextContentAsync();
        await DashboardBrowserFixture.SignInAsync(page, "lockout-victim", DashboardBrowserFixture.Password);
        var afterSixth = await page.GetByRole(AriaRole.Alert).TextContentAsync();

        Assert.Equal(SignInModel.LockedOut, afterFifth?.Trim());
        Assert.Equal(SignInModel.LockedOut, afterSixth?.Trim());
        Assert.EndsWith("/dashboard/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_leads_back_to_the_sign_in_page_and_the_dashboard_asks_for_it_again()
    {
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        var page = session.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(fixture.Origin, "/dashboard/sign-in").ToString());
        await page.GotoAsync("/dashboard");

        Assert.StartsWith(new Uri(fixture.Origin, "/dashboard/sign-in").ToString(), page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == DashboardAuthentication.CookieName);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_even_with_the_cookie()
    {
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        using var client = await fixture.RawClientWithCookiesOfAsync(session.Page);
        var token = await DashboardBrowserFixture.AntiforgeryFieldOfAsync(session.Page);

        var withoutToken = await DashboardBrowserFixture.PostFormAsync(client, "/dashboard/sign-out", new Dictionary<string, string>());
        var stillSignedIn = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        var withToken = await DashboardBrowserFixture.PostFormAsync(client, "/dashboard/sign-out", new Dictionary<string, string> { [token.Key] = token.Value });

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withToken);
    }

    [Fact]
    public async Task The_dashboard_cookie_opens_no_api_route()
    {
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        using var client = await fixture.RawClientWithCookiesOfAsync(session.Page);

        using var response = await client.GetAsync(new Uri("/v1/reports/daily-totals", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_cookie_a_dashboard_page_redirects_to_sign_in()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Origin };

        using var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/sign-in", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Disabling_an_operator_ends_the_sign_in_already_made()
    {
        await fixture.CreateOperatorAsync("soon-disabled", OperatorRole.Admin, DashboardBrowserFixture.Password);
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;
        await DashboardBrowserFixture.SignInAsync(page, "soon-disabled", DashboardBrowserFixture.Password);
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(fixture.Origin, "/dashboard").ToString());

        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DisableOperatorHandler>().HandleAsync("soon-disabled", CancellationToken.None);
        }

        await page.GotoAsync("/dashboard");
        Assert.StartsWith(new Uri(fixture.Origin, "/dashboard/sign-in").ToString(), page.Url, StringComparison.Ordinal);
        await DashboardBrowserFixture.SignInAsync(page, "soon-disabled", DashboardBrowserFixture.Password);
        Assert.Equal(SignInModel.WrongCredentials, (await page.GetByRole(AriaRole.Alert).TextContentAsync())?.Trim());
    }

    [Fact]
    public async Task An_operator_with_a_one_time_password_must_choose_a_new_one_first()
    {
        var oneTime = await fixture.CreateOperatorAsync("first-timer", OperatorRole.Viewer, password: null);
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;

        await DashboardBrowserFixture.SignInAsync(page, "first-timer", oneTime!);
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(fixture.Origin, "/dashboard/change-password").ToString());
        await page.GotoAsync("/dashboard");
        var redirected = page.Url;
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Current password").FillAsync(oneTime!);
        await page.GetByLabel("New password").FillAsync("a password of my own choosing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        Assert.EndsWith("/dashboard/change-password", redirected, StringComparison.Ordinal);
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(fixture.Origin, "/dashboard").ToString());
        Assert.Empty(session.CspViolations);
    }
}
