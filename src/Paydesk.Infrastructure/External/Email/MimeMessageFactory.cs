using MimeKit;
using Paydesk.Application.Abstractions;

namespace Paydesk.Infrastructure.External.Email;

/// <summary>Builds the RFC 5322 message both transports send: plain text plus an HTML alternative.</summary>
internal static class MimeMessageFactory
{
    public static MimeMessage Create(EmailMessage message, EmailOptions options)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,

            // Header values never carry a line break from user text: no header injection.
            Subject = SingleLine(message.Subject),
        };
        mime.From.Add(new MailboxAddress(SingleLine(options.FromName), options.FromAddress));
        mime.To.Add(new MailboxAddress(SingleLine(message.ToName), message.ToAddress));
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    private static string SingleLine(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
}
