using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;

namespace Paydesk.Application.Notifications;

// The emails are reactions to integration events, run through the inbox: a redelivered event is
// skipped once its email was recorded, so each event sends one email. The one gap: a crash after the
// SMTP server accepted the message and before the inbox row committed sends it again on redelivery,
// with the same Message-ID, which lets mail systems (and people) see it is a duplicate.

/// <summary>The welcome email, on <c>user.registered</c>.</summary>
internal sealed class WelcomeEmailHandler(EmailNotifications notifications, ILogger<WelcomeEmailHandler> logger)
    : IIntegrationEventHandler<UserRegisteredData>
{
    public string Name => "email.welcome";

    public async Task HandleAsync(IntegrationEvent<UserRegisteredData> integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var to = new EmailRecipient(integrationEvent.Data.Email, integrationEvent.Data.Name);
        var result = await notifications.SendWelcomeAsync(integrationEvent.Id, to, cancellationToken);
        EmailOutcome.Accept(result, integrationEvent, logger);
    }
}
