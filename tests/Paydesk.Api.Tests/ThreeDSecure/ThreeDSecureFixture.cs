using Microsoft.Playwright;
using Paydesk.Api.Tests.OpenApi;
using Paydesk.Infrastructure.Database;
using Paydesk.Sandbox;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests.ThreeDSecure;

/// <summary>
/// One database, one service and one headless Chromium per test class. The sandbox's page settles
/// an intent and posts the signed webhook to this service; a short <c>Payments:ActionTimeout</c>
/// lets a reconciliation round abandon a payment the test leaves waiting.
/// </summary>
public abstract class ThreeDSecureFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(2);

    private IPlaywright? _playwright;

    public TestDatabase Database { get; private set; } = null!;

    public StripeEmulator Emulator { get; private set; } = null!;

    public PaydeskApiFactory Factory { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the sandbox sends the payer back: a page of the sandbox itself, so the browser lands somewhere real.</summary>
    public string ReturnUrl => new Uri(Emulator.BaseAddress, "/shop/checkout/done").AbsoluteUri;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Emulator = await PaydeskApiFactory.StartEmulatorAsync();
        Factory = new PaydeskApiFactory(Database, Emulator, settings: new Dictionary<string, string?>
        {
            // The return page is the sandbox's, on plain http over loopback.
            ["Payments:AllowHttpReturnUrls"] = "true",
            ["Payments:ActionTimeout"] = ActionTimeout.ToString(),
            ["Reconciliation:FirstCheckAfter"] = "00:00:00",
            ["Messaging:PollInterval"] = "00:00:00.100",
        });
        _ = Factory.Server;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ApiReferenceBrowserTests.Chromium, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
        await Emulator.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteThreeDSecureFixture() : ThreeDSecureFixture(DatabaseProvider.Sqlite);

public sealed class PostgresThreeDSecureFixture() : ThreeDSecureFixture(DatabaseProvider.Postgres);
