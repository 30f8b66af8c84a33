using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Paydesk.Domain.Operators;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Api.Tests.Dashboard;

/// <summary>The dead letters page: everyone sees them, only an admin redrives, after confirming.</summary>
public sealed class DashboardDeadLettersTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    [Fact]
    public async Task An_admin_redrives_one_dead_letter_after_confirming()
    {
        var id = await InsertDeadLetterAsync();
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        var page = session.Page;

        await page.GotoAsync("/dashboard/dead-letters");
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Redrive paydesk.test.always_fails {id}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Redrive a dead letter" })).ToBeVisibleAsync();
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
        Assert.Equal("dead", await StatusOfAsync(id));
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, redrive" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sent 1 dead letter(s) round again");
        Assert.NotEqual("dead", await StatusOfAsync(id));
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task Redrive_all_asks_first_then_sends_every_dead_letter_round_again()
    {
        var first = await InsertDeadLetterAsync();
        var second = await InsertDeadLetterAsync();
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        var page = session.Page;

        await page.GotoAsync("/dashboard/dead-letters");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Redrive all") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Redrive all dead letters" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, redrive" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        Assert.NotEqual("dead", await StatusOfAsync(first));
        Assert.NotEqual("dead", await StatusOfAsync(second));
    }

    [Fact]
    public async Task A_viewer_sees_the_dead_letters_without_actions_and_a_forged_redrive_is_refused_403()
    {
        var id = await InsertDeadLetterAsync();
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Viewer);
        var page = session.Page;
        await page.GotoAsync("/dashboard/dead-letters");
        using var client = await fixture.RawClientWithCookiesOfAsync(page);
        var token = await DashboardBrowserFixture.AntiforgeryFieldOfAsync(page);

        var confirmation = await client.GetAsync(new Uri($"/dashboard/dead-letters/redrive?id={id}", UriKind.Relative));
        var forgedOne = await DashboardBrowserFixture.PostFormAsync(client, "/dashboard/dead-letters/redrive", new Dictionary<string, string> { ["Id"] = id.ToString(), [token.Key] = token.Value });
        var forgedAll = await DashboardBrowserFixture.PostFormAsync(client, "/dashboard/dead-letters/redrive", new Dictionary<string, string> { ["All"] = "true", [token.Key] = token.Value });

        await Assertions.Expect(page.Locator($"tr[data-id='{id}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Redrive") })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Redrive") })).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Forbidden, confirmation.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forgedOne);
        Assert.Equal(HttpStatusCode.Forbidden, forgedAll);
        Assert.Equal("dead", await StatusOfAsync(id));
        await DashboardBrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_admin_redrive_without_the_antiforgery_token_is_refused()
    {
        var id = await InsertDeadLetterAsync();
        await using var session = await fixture.SignedInPageAsync(OperatorRole.Admin);
        using var client = await fixture.RawClientWithCookiesOfAsync(session.Page);

        var status = await DashboardBrowserFixture.PostFormAsync(client, "/dashboard/dead-letters/redrive", new Dictionary<string, string> { ["Id"] = id.ToString() });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("dead", await StatusOfAsync(id));
    }

    // A row as the relay leaves one after its last failed attempt: no handler knows this event type.
    private async Task<Guid> InsertDeadLetterAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7();
        await using var db = fixture.Database.CreateContext();
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = id,
            EventType = "paydesk.test.always_fails",
            Subject = $"test/{id:N}",
            ContentType = "application/json",
            Payload = "{}",
            CreatedAt = now.AddMinutes(-30),
            Status = OutboxStatus.Dead,
            Attempts = 8,
            NextAttemptAt = now.AddMinutes(-1),
            LastError = "The handler always fails.",
            DeadLetteredAt = now.AddMinutes(-1),
        });
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<string> StatusOfAsync(Guid id)
    {
        await using var db = fixture.Database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Id == id).Select(m => m.Status).SingleAsync();
    }
}
