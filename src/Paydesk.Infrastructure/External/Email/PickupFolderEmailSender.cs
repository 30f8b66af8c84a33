using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.Config.Redaction;

namespace Paydesk.Infrastructure.External.Email;

/// <summary>
/// The embedded default: each message becomes an .eml file, openable in any mail client. The file
/// is named after the Message-ID, so the same event written twice is still one file.
/// </summary>
internal sealed partial class PickupFolderEmailSender(IOptions<EmailOptions> options, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var directory = Path.GetFullPath(options.Value.PickupDirectory);
        var fileName = string.Concat(message.MessageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')) + ".eml";
        var path = Path.Combine(directory, fileName);
        try
        {
            Directory.CreateDirectory(directory);

            // Written beside the target and moved into place, so a reader never sees half a message.
            var temporary = path + ".tmp";
            await using (var file = File.Create(temporary))
            {
                await MimeMessageFactory.Create(message, options.Value).WriteToAsync(file, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException ex)
        {
            LogResult(logger, message.MessageId, message.ToAddress, "transient failure");
            return EmailSendResult.Transient(ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            LogResult(logger, message.MessageId, message.ToAddress, "permanent failure");
            return EmailSendResult.Permanent(ex.Message);
        }

        LogResult(logger, message.MessageId, message.ToAddress, "written to the pickup folder");
        return EmailSendResult.Delivered;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} to {To}: {Result}")]
    private static partial void LogResult(ILogger logger, string messageId, [PersonalData] string to, string result);
}
