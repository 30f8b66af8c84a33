using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.IntegrationEvents;

namespace Paydesk.Application.Notifications;

/// <summary>
/// Tells the operators, on <c>payment.dispute_opened</c>, that a customer disputed a payment, so that
/// someone answers with evidence before the due date. Nothing is sent when no operators' address is set.
/// </summary>
internal sealed class DisputeOpenedEmailHandler(EmailNotifications notifications, OperatorsMailbox operators, ILogger<DisputeOpenedEmailHandler> logger)
    : IIntegrationEventHandler<PaymentDisputeOpenedData>
{
    public string Name => "email.dispute_opened";

    public async Task HandleAsync(IntegrationEvent<PaymentDisputeOpenedData> integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (operators.Address is not { } address)
        {
            return;
        }

        var result = await notifications.SendDisputeOpenedAsync(integrationEvent.Id, new EmailRecipient(address, "Operators"), integrationEvent.Data, cancellationToken);
        EmailOutcome.Accept(result, integrationEvent, logger);
    }
}
