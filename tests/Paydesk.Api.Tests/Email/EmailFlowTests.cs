using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using Paydesk.TestSupport;
using SmtpServer.Protocol;

namespace Paydesk.Api.Tests.Email;

/// <summary>
/// Welcome emails and receipts end to end: the API call, the outbox event, the inbox-deduplicated
/// handler, and a real SMTP server (or the pickup folder) at the other end.
/// </summary>
public sealed class EmailFlowTests
{
    [Fact]
    public async Task A_registration_and_a_charge_each_send_exactly_the_expected_message()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, settings: SmtpSettings(smtp));
        using var client = factory.CreateClientWithKey();

        var user = await client.RegisterUserAsync("grace@example.com", "Grace Hopper");
        var welcome = await WaitForMessagesAsync(smtp, 1);
        var payment = await client.ChargedPaymentAsync(user.Id(), amount: 1500, currency: "USD");
        var receipt = (await WaitForMessagesAsync(smtp, 2)).Single(m => m.Subject?.StartsWith("Your receipt", StringComparison.Ordinal) == true);

        var hello = Assert.Single(welcome);
        Assert.Equal("Welcome to Paydesk", hello.Subject);
        Assert.Equal("\"Grace Hopper\" <grace@example.com>", hello.To.ToString());
        Assert.Equal("\"Paydesk Billing\" <billing@paydesk.test>", hello.From.ToString());
        Assert.Matches("^[0-9a-f]{32}@paydesk.test$", hello.MessageId);
        Assert.Contains("Hello Grace Hopper", hello.TextBody, StringComparison.Ordinal);
        Assert.Contains("Hello Grace Hopper", hello.HtmlBody, StringComparison.Ordinal);

        Assert.Equal("Your receipt for $15.00", receipt.Subject);
        Assert.Contains("$15.00", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains(payment.Id(), receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("Test order", receipt.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("multipart/alternative", receipt.Body?.ContentType.MimeType);
        Assert.Equal(2, smtp.Messages.Count);
    }

    [Fact]
    public async Task Hostile_text_from_the_user_arrives_inert()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, settings: SmtpSettings(smtp));
        using var client = factory.CreateClientWithKey();

        await client.RegisterUserAsync("eve@example.com", "Eve <script>alert(1)</script>");

        var message = Assert.Single(await WaitForMessagesAsync(smtp, 1));
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("eve@example.com", ((MailboxAddress)message.To.Single()).Address);
    }

    [Fact]
    public async Task While_the_smtp_server_is_down_the_email_waits_and_is_delivered_once_it_is_back()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await smtp.StopAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, settings: SmtpSettings(smtp));
        using var client = factory.CreateClientWithKey();

        await client.RegisterUserAsync("ada@example.com");
        await Eventually.True(async () => await OutboxAttemptsAsync(database) > 0, "a delivery attempt while the server is down");
        await smtp.StartAgainAsync();

        var delivered = await WaitForMessagesAsync(smtp, 1);
        Assert.Single(delivered);
    }

    [Fact]
    public async Task A_550_is_recorded_as_permanent_and_not_retried()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        smtp.Refusal = new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "no such mailbox");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, settings: SmtpSettings(smtp));
        using var client = factory.CreateClientWithKey();

        await client.RegisterUserAsync("nobody@example.com");
        await Eventually.True(() => InboxHasAsync(database, "email.welcome"), "the refused welcome email to be recorded as handled");
        var refusedOnce = smtp.Refused;
        smtp.Refusal = null;
        await client.RegisterUserAsync("somebody@example.com");
        await WaitForMessagesAsync(smtp, 1);

        Assert.Equal(1, refusedOnce);
        Assert.Equal(1, smtp.Refused);
        Assert.Equal("somebody@example.com", ((MailboxAddress)smtp.Messages.Single().To.Single()).Address);
    }

    [Fact]
    public async Task The_same_event_delivered_twice_sends_one_email()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, settings: SmtpSettings(smtp, relay: false));
        var dispatcher = factory.Services.GetRequiredService<InboxDispatcher>();
        var registered = new ReceivedIntegrationEvent(
            Guid.NewGuid(),
            UserRegisteredData.EventType,
            Guid.NewGuid().ToString(),
            DateTimeOffset.UtcNow,
            JsonSerializer.SerializeToElement(new { email = "twice@example.com", name = "Twice" }));

        await dispatcher.DispatchAsync(registered, CancellationToken.None);
        await dispatcher.DispatchAsync(registered, CancellationToken.None);

        var message = Assert.Single(smtp.Messages);
        Assert.Equal($"{registered.Id:N}@paydesk.test", message.MessageId);
    }

    [Fact]
    public async Task In_the_default_run_a_charge_leaves_a_readable_eml_in_the_pickup_folder()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database, settings: FastRelay());
        using var client = factory.CreateClientWithKey();
        var user = await client.RegisterUserAsync("pickup@example.com", "Pick Up");

        await client.ChargedPaymentAsync(user.Id(), amount: 1500, currency: "JPY");

        var messages = await Eventually.Until(
            () => ReadPickupAsync(factory.MailDirectory),
            found => found.Count == 2,
            "a welcome email and a receipt in the pickup folder");
        var receipt = Assert.Single(messages, m => m.Subject == "Your receipt for ¥1,500");
        Assert.Equal("pickup@example.com", ((MailboxAddress)receipt.To.Single()).Address);
        Assert.Contains("¥1,500", receipt.TextBody, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> FastRelay(bool relay = true) => new()
    {
        ["Messaging:RelayEnabled"] = relay ? "true" : "false",
        ["Messaging:PollInterval"] = "00:00:00.100",
        ["Messaging:RetryBaseDelay"] = "00:00:00.200",
        ["Messaging:RetryMaxDelay"] = "00:00:01",
    };

    private static Dictionary<string, string?> SmtpSettings(SmtpTestServer smtp, bool relay = true)
    {
        var settings = FastRelay(relay);
        settings["Email:Transport"] = "Smtp";
        settings["Email:FromAddress"] = "billing@paydesk.test";
        settings["Email:FromName"] = "Paydesk Billing";
        settings["Email:MessageIdDomain"] = "paydesk.test";
        settings["Email:Smtp:Host"] = "127.0.0.1";
        settings["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Email:Smtp:Security"] = "None";
        settings["Email:Smtp:TimeoutSeconds"] = "30";
        return settings;
    }

    private static Task<List<MimeMessage>> WaitForMessagesAsync(SmtpTestServer smtp, int count) =>
        Eventually.Until(() => Task.FromResult(smtp.Messages.ToList()), messages => messages.Count >= count, $"{count} message(s) at the SMTP server");

    private static async Task<List<MimeMessage>> ReadPickupAsync(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(directory, "*.eml"))
        {
            messages.Add(await MimeMessage.LoadAsync(file));
        }

        return messages;
    }

    private static async Task<int> OutboxAttemptsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.OutboxMessages.SumAsync(m => m.Attempts);
    }

    private static async Task<bool> InboxHasAsync(TestDatabase database, string handler)
    {
        await using var db = database.CreateContext();
        return await db.InboxRecords.AnyAsync(r => r.Handler == handler);
    }
}
