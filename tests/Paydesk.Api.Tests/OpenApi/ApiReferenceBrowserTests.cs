using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.OpenApi;

/// <summary>
/// /docs in a real browser (Debian's Chromium, which scripts/test.sh installs), against the service
/// on a loopback port in Development: "try it" works with the key it fills in, every request the
/// page makes stays on Paydesk's origin, and no visible link leads elsewhere.
/// </summary>
public sealed class ApiReferenceBrowserTests
{
    public const string EnvironmentVariable = "PAYDESK_TEST_CHROMIUM";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Try_it_registers_a_user_with_the_filled_in_key_and_the_page_never_leaves_paydesk()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, settings: ApiReferencePageTests.LocalKey(), configure: builder => builder.UseEnvironment("Development"));
        factory.UseKestrel(0);
        factory.StartServer();
        var origin = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout((float)Deadline.TotalMilliseconds);
        var elsewhere = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme.StartsWith("http", StringComparison.Ordinal) && url.Authority != origin.Authority)
            {
                elsewhere.Enqueue(request.Url);
            }
        };

        // What the CSP blocked is no request, but the page tried: that counts too.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                elsewhere.Enqueue(message.Text);
            }
        };

        await page.GotoAsync(new Uri(origin, "/docs").ToString());
        await page.Locator("a[href='#tag/users']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Request (post /v1/users)" }).ClickAsync();
        var registered = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send" }).Last.ClickAsync(),
            response => response.Url.EndsWith("/v1/users", StringComparison.Ordinal) && response.Request.Method == "POST");
        var outsideLinks = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('a[href]')].filter(a => a.offsetParent !== null && getComputedStyle(a).pointerEvents !== 'none' && a.origin !== location.origin && a.protocol.startsWith('http')).map(a => a.href)");

        Assert.Equal(201, registered.Status);
        Assert.Empty(elsewhere);
        Assert.Empty(outsideLinks);
    }

    internal static string Chromium =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with ./scripts/test.sh, which installs Debian's chromium, or set {EnvironmentVariable} to a Chromium binary.");
}
