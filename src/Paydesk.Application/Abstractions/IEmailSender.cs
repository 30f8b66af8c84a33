namespace Paydesk.Application.Abstractions;

/// <summary>The port to whatever delivers email: SMTP in production, a pickup folder by default.</summary>
public interface IEmailSender
{
    /// <summary>Never throws for a delivery problem: the result says whether to retry.</summary>
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <param name="MessageId">Stable per event (<c>&lt;id@domain&gt;</c> without brackets), so a mail system can drop duplicates.</param>
public sealed record EmailMessage(
    string MessageId,
    string ToAddress,
    string ToName,
    string Subject,
    string HtmlBody,
    string TextBody);

public enum EmailSendStatus
{
    Delivered,

    /// <summary>Worth trying again later: the server was unreachable or answered 4xx.</summary>
    TransientFailure,

    /// <summary>Trying again will not help: the server answered 5xx (e.g. 550 no such mailbox).</summary>
    PermanentFailure,
}

public sealed record EmailSendResult(EmailSendStatus Status, string? Detail = null)
{
    public static EmailSendResult Delivered { get; } = new(EmailSendStatus.Delivered);

    public static EmailSendResult Transient(string detail) => new(EmailSendStatus.TransientFailure, detail);

    public static EmailSendResult Permanent(string detail) => new(EmailSendStatus.PermanentFailure, detail);
}
