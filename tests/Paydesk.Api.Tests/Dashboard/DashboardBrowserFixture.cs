using System.Collections.Concurrent;
using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Paydesk.Api.Tests.OpenApi;
using Paydesk.Application.Operators;
using Paydesk.Domain.Operators;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.Dashboard;

/// <summary>
/// One service on a loopback port (SQLite, the Testing environment, so cookies are Secure as in
/// production) and one Chromium for a whole test class; each test opens its own browser context,
/// so cookies never leak between tests. Two operators exist: <see cref="AdminName"/> and
/// <see cref="ViewerName"/>, both with <see cref="Password"/>. Use it as
/// <c>IClassFixture&lt;DashboardBrowserFixture&gt;</c>.
/// </summary>
public class DashboardBrowserFixture : IAsyncLifetime
{
    public const string AdminName = "test-admin";
    public const string ViewerName = "test-viewer";
    public const string Password = "correct horse battery staple";

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private TestDatabase? _database;
    private PaydeskApiFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PaydeskApiFactory Factory => _factory ?? throw new InvalidOperationException("The fixture is not started.");

    public Uri Origin { get; private set; } = null!;

    /// <summary>The environment the service runs in; a subclass may choose another.</summary>
    protected virtual string EnvironmentName => "Testing";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _factory = new PaydeskApiFactory(_database, configure: builder => builder.UseEnvironment(EnvironmentName));
        _factory.UseKestrel(0);
        _factory.StartServer();
        Origin = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await CreateOperatorAsync(AdminName, OperatorRole.Admin, Password);
        await CreateOperatorAsync(ViewerName, OperatorRole.Viewer, Password);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ApiReferenceBrowserTests.Chromium, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>An operator made the way the CLI makes one; null password: a one-time password, returned.</summary>
    public async Task<string?> CreateOperatorAsync(string name, OperatorRole role, string? password)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateOperatorHandler>()
            .HandleAsync(new CreateOperatorCommand(name, role, password), CancellationToken.None);
        return created.OneTimePassword;
    }

    /// <summary>A fresh browser context (no cookies) with one page, recording what the CSP blocked.</summary>
    public async Task<DashboardPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = Origin.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Deadline.TotalMilliseconds);
        var violations = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Enqueue(message.Text);
            }
        };
        return new DashboardPage(page, violations);
    }

    /// <summary>A page signed in as the admin or the viewer, on the overview.</summary>
    public async Task<DashboardPage> SignedInPageAsync(OperatorRole role)
    {
        var page = await NewPageAsync();
        await SignInAsync(page.Page, role == OperatorRole.Admin ? AdminName : ViewerName, Password);
        await Assertions.Expect(page.Page).ToHaveURLAsync(new Uri(Origin, "/dashboard").ToString());
        return page;
    }

    /// <summary>Fills in and sends the sign-in form; where it lands is the caller's to check.</summary>
    public static async Task SignInAsync(IPage page, string name, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/dashboard/sign-in");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>axe-core on the page as it is now: no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(
            serious.Count == 0,
            $"axe found on {page.Url}: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    /// <summary>
    /// An HttpClient that sends the page's cookies itself, follows no redirect and keeps no cookies
    /// of its own: for forged requests (no antiforgery token, a viewer's POST to an admin handler).
    /// </summary>
    public async Task<HttpClient> RawClientWithCookiesOfAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var cookies = await page.Context.CookiesAsync();
#pragma warning disable CA2000 // The client owns the handler.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Origin };
#pragma warning restore CA2000
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        return client;
    }

    /// <summary>The antiforgery field of the page's first form (every signed-in page has the sign-out form).</summary>
    public static async Task<KeyValuePair<string, string>> AntiforgeryFieldOfAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var value = await page.Locator("input[name='__RequestVerificationToken']").First.GetAttributeAsync("value");
        return new("__RequestVerificationToken", value ?? throw new InvalidOperationException($"{page.Url} has no antiforgery field."));
    }

    /// <summary>Posts a form as given (with or without an antiforgery field) and answers the status.</summary>
    public static async Task<HttpStatusCode> PostFormAsync(HttpClient client, string path, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return response.StatusCode;
    }
}

/// <summary>A browser page and what the CSP blocked on it.</summary>
public sealed record DashboardPage(IPage Page, ConcurrentQueue<string> CspViolations) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => new(Page.Context.CloseAsync());
}
