using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;

namespace Paydesk.Application.Notifications;

/// <summary>A transient failure is thrown so the event is delivered again later; a permanent one is recorded and not retried.</summary>
internal static partial class EmailOutcome
{
    public static void Accept(EmailSendResult result, IntegrationEvent integrationEvent, ILogger logger)
    {
        switch (result.Status)
        {
            case EmailSendStatus.TransientFailure:
                throw new EmailDeferredException($"The email for event {integrationEvent.Id} ({integrationEvent.Type}) could not be sent yet: {result.Detail}");
            case EmailSendStatus.PermanentFailure:
                LogPermanent(logger, integrationEvent.Id, integrationEvent.Type, result.Detail);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The email for event {EventId} ({EventType}) failed permanently and will not be retried: {Detail}")]
    private static partial void LogPermanent(ILogger logger, Guid eventId, string eventType, string? detail);
}
