using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.External.Email;
using Paydesk.TestSupport;
using SmtpServer.Protocol;

namespace Paydesk.Infrastructure.Tests.External.Email;

/// <summary>The MailKit adapter against a real SMTP server on loopback.</summary>
public sealed class SmtpEmailSenderTests
{
    [Fact]
    public async Task A_message_arrives_with_its_headers_and_both_bodies()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var sender = EmailTestData.Sender(EmailTestData.SmtpOptions(server));
        var message = EmailTestData.Message(messageId: "0123abcd@paydesk.test", subject: "Your receipt for €15.00");

        var result = await sender.SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendStatus.Delivered, result.Status);
        var received = Assert.Single(server.Messages);
        Assert.Equal("0123abcd@paydesk.test", received.MessageId);
        Assert.Equal("Your receipt for €15.00", received.Subject);
        Assert.Equal("\"Paydesk Billing\" <billing@paydesk.test>", received.From.ToString());
        Assert.Equal("\"Ada Lovelace\" <ada@example.com>", received.To.ToString());
        Assert.Equal("Hello Ada", received.TextBody?.Trim());
        Assert.Equal("<p>Hello <b>Ada</b></p>", received.HtmlBody?.Trim());
        Assert.Equal("multipart/alternative", received.Body?.ContentType.MimeType);
    }

    [Fact]
    public async Task Starttls_with_the_pinned_certificate_and_auth_delivers()
    {
        await using var server = await SmtpTestServer.StartAsync(tls: true, credentials: ("mailer", "s3cret"));
        using var sender = EmailTestData.Sender(EmailTestData.SmtpOptions(server, SmtpSecurity.StartTls, "mailer", "s3cret", server.CertificateThumbprint));

        var result = await sender.SendAsync(EmailTestData.Message(), CancellationToken.None);

        // The server only accepts credentials inside TLS, so delivery proves the upgrade happened.
        Assert.Equal(EmailSendStatus.Delivered, result.Status);
        Assert.Single(server.Messages);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_and_nothing_is_sent()
    {
        await using var server = await SmtpTestServer.StartAsync(tls: true, credentials: ("mailer", "s3cret"));
        using var sender = EmailTestData.Sender(EmailTestData.SmtpOptions(server, SmtpSecurity.StartTls, "mailer", "s3cret", thumbprint: new string('A', 64)));

        var result = await sender.SendAsync(EmailTestData.Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task Starttls_against_a_server_without_it_fails_instead_of_sending_in_clear()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var sender = EmailTestData.Sender(EmailTestData.SmtpOptions(server, SmtpSecurity.StartTls));

        var result = await sender.SendAsync(EmailTestData.Message(), CancellationToken.None);

        Assert.NotEqual(EmailSendStatus.Delivered, result.Status);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task Wrong_credentials_deliver_nothing()
    {
        await using var server = await SmtpTestServer.StartAsync(tls: true, credentials: ("mailer", "s3cret"));
        using var sender = EmailTestData.Sender(EmailTestData.SmtpOptions(server, SmtpSecurity.StartTls, "mailer", "wrong", server.CertificateThumbprint));

        var result = await sender.SendAsync(EmailTestData.Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task A_550_is_a_permanent_failure()
    {
        await using var server = await SmtpTestServer.StartAsync();
        server.Refusal = new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "no such mailbox");
        using var sender = EmailTestData.Sender(EmailTestData.SmtpOptions(server));

        var result = await sender.SendAsync(EmailTestData.Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.PermanentFailure, result.Status);
        Assert.StartsWith("550", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_4xx_is_a_transient_failure()
    {
        await using var server = await SmtpTestServer.StartAsync();
        server.Refusal = new SmtpResponse(SmtpReplyCode.InsufficientStorage, "try later");
        using var sender = EmailTestData.Sender(EmailTestData.SmtpOptions(server));

        var result = await sender.SendAsync(EmailTestData.Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
    }

    [Fact]
    public async Task A_server_that_is_down_is_transient_and_the_next_send_after_it_returns_delivers()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var sender = EmailTestData.Sender(EmailTestData.SmtpOptions(server));
        Assert.Equal(EmailSendStatus.Delivered, (await sender.SendAsync(EmailTestData.Message(), CancellationToken.None)).Status);
        await server.StopAsync();

        var whileDown = await sender.SendAsync(EmailTestData.Message(), CancellationToken.None);
        await server.StartAgainAsync();
        var afterwards = await sender.SendAsync(EmailTestData.Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, whileDown.Status);
        Assert.Equal(EmailSendStatus.Delivered, afterwards.Status);
        Assert.Equal(2, server.Messages.Count);
    }

    [Fact]
    public async Task One_connection_serves_many_messages()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var sender = EmailTestData.Sender(EmailTestData.SmtpOptions(server));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => sender.SendAsync(EmailTestData.Message(), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(EmailSendStatus.Delivered, r.Status));
        Assert.Equal(10, server.Messages.Count);
        Assert.Equal(1, server.Sessions);
    }

    [Fact]
    public async Task Line_breaks_in_names_and_subjects_cannot_inject_headers()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var sender = EmailTestData.Sender(EmailTestData.SmtpOptions(server));
        var message = EmailTestData.Message(toName: "Eve\r\nBcc: victim@example.com", subject: "Hi\r\nX-Injected: yes");

        await sender.SendAsync(message, CancellationToken.None);

        var received = Assert.Single(server.Messages);
        Assert.Empty(received.Bcc);
        Assert.False(received.Headers.Contains("X-Injected"));
        Assert.DoesNotContain("\n", received.Subject ?? string.Empty, StringComparison.Ordinal);
        Assert.Single(received.To);
    }
}
