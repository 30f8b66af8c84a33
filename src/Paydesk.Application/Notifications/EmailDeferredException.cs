namespace Paydesk.Application.Notifications;

/// <summary>The email could not be sent now; the event will be delivered again with backoff.</summary>
public sealed class EmailDeferredException : Exception
{
    public EmailDeferredException()
    {
    }

    public EmailDeferredException(string message)
        : base(message)
    {
    }

    public EmailDeferredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
