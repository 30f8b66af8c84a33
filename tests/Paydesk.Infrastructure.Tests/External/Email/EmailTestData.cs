using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.External.Email;
using Paydesk.TestSupport;

namespace Paydesk.Infrastructure.Tests.External.Email;

internal static class EmailTestData
{
    public static EmailMessage Message(string? messageId = null, string toName = "Ada Lovelace", string subject = "Hello") => new(
        messageId ?? $"{Guid.NewGuid():N}@paydesk.test",
        "ada@example.com",
        toName,
        subject,
        "<p>Hello <b>Ada</b></p>",
        "Hello Ada");

    public static EmailOptions SmtpOptions(SmtpTestServer server, SmtpSecurity security = SmtpSecurity.None, string? user = null, string? password = null, string? thumbprint = null) => new()
    {
        Transport = EmailTransport.Smtp,
        FromAddress = "billing@paydesk.test",
        FromName = "Paydesk Billing",
        Smtp = new Paydesk.Infrastructure.External.Email.SmtpOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Security = security,
            Username = user,
            Password = password,
            TimeoutSeconds = 30,
            ServerCertificateThumbprint = thumbprint,
        },
    };

    public static SmtpEmailSender Sender(EmailOptions options) =>
        new(Options.Create(options), NullLogger<SmtpEmailSender>.Instance);
}
