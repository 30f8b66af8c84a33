using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.Config.Redaction;

namespace Paydesk.Infrastructure.External.Email;

/// <summary>
/// Sends through an SMTP server with MailKit. One connection is kept open and reused; MailKit
/// clients are not thread-safe, so sends take turns on it, and a dropped connection is reopened on
/// the next send. A 4xx answer or a connection problem is transient, a 5xx answer permanent.
/// </summary>
internal sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private SmtpClient? _client;

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var mime = MimeMessageFactory.Create(message, settings);
        var to = message.ToAddress;

        await _turn.WaitAsync(cancellationToken);
        try
        {
            var client = await ConnectedClientAsync(settings.Smtp, cancellationToken);
            await client.SendAsync(mime, cancellationToken);
            LogResult(logger, message.MessageId, to, "delivered");
            return EmailSendResult.Delivered;
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            LogRefused(logger, message.MessageId, to, (int)ex.StatusCode, "permanent failure");
            return EmailSendResult.Permanent($"{(int)ex.StatusCode} {ex.Message}");
        }
        catch (SmtpCommandException ex)
        {
            LogRefused(logger, message.MessageId, to, (int)ex.StatusCode, "transient failure");
            return EmailSendResult.Transient($"{(int)ex.StatusCode} {ex.Message}");
        }
        catch (AuthenticationException ex)
        {
            // Wrong credentials do not fix themselves, but they are fixed by configuration, not by
            // dropping the email: retried later like any outage.
            await DropConnectionAsync();
            LogResult(logger, message.MessageId, to, "authentication failed");
            return EmailSendResult.Transient(ex.Message);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or NotSupportedException or ServiceNotConnectedException or SslHandshakeException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await DropConnectionAsync();
            LogResult(logger, message.MessageId, to, $"transient failure ({ex.GetType().Name})");
            return EmailSendResult.Transient(ex.Message);
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose()
    {
        _client?.Dispose();
        _turn.Dispose();
    }

    private async Task<SmtpClient> ConnectedClientAsync(SmtpOptions smtp, CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true })
        {
            return _client;
        }

        _client?.Dispose();
        var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        if (smtp.ServerCertificateThumbprint is { } pinned)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(
                    Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())),
                    pinned,
                    StringComparison.OrdinalIgnoreCase);
        }

        _client = client;
        await client.ConnectAsync(smtp.Host!, smtp.Port, SocketOptions(smtp.Security!.Value), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? string.Empty, cancellationToken);
        }

        return client;
    }

    private async Task DropConnectionAsync()
    {
        if (_client is null)
        {
            return;
        }

        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(quit: false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException)
        {
            // The connection is already gone; nothing to close.
        }

        _client.Dispose();
        _client = null;
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} to {To}: {Result}")]
    private static partial void LogResult(ILogger logger, string messageId, [PersonalData] string to, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} to {To}: server answered {StatusCode}, {Result}")]
    private static partial void LogRefused(ILogger logger, string messageId, [PersonalData] string to, int statusCode, string result);
}
