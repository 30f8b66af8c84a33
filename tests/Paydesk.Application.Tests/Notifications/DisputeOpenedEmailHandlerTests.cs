using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Application.Notifications;

namespace Paydesk.Application.Tests.Notifications;

public sealed class DisputeOpenedEmailHandlerTests
{
    private readonly EmailNotificationsTests.RecordingTemplates _templates = new();
    private readonly EmailNotificationsTests.RecordingSender _sender = new();

    [Fact]
    public async Task A_new_dispute_tells_the_operators_what_was_disputed_why_and_by_when_to_answer()
    {
        // The data exactly as the outbox writes them for payment.dispute_opened, schema version 1.
        var paymentId = Guid.NewGuid();
        var json = JsonDocument.Parse($$"""
            {"paymentId":"{{paymentId}}","userId":"{{Guid.NewGuid()}}","disputeId":"du_1","amount":1500,"currency":"USD",
             "reason":"fraudulent","status":"needs_response","evidenceDueBy":"2026-03-21T12:00:00+00:00","openedAt":"2026-03-14T12:00:00+00:00"}
            """).RootElement;
        var integrationEvent = IntegrationEventSubscription.For<PaymentDisputeOpenedData>().Read(Guid.NewGuid(), paymentId.ToString(), Times.Start, json);

        await ((Abstractions.IIntegrationEventHandler)Handler("ops@example.com")).HandleAsync(integrationEvent, CancellationToken.None);

        var (template, values) = Assert.Single(_templates.Rendered);
        Assert.Equal(EmailNotifications.DisputeOpened, template);
        Assert.Equal(("$15.00", "fraudulent", "du_1", paymentId.ToString(), "2026-03-21 12:00 UTC"), (values["amount"], values["reason"], values["dispute_id"], values["payment_id"], values["due_by"]));
        Assert.Equal("ops@example.com", Assert.Single(_sender.Sent).ToAddress);
    }

    [Fact]
    public async Task Without_an_operators_address_nothing_is_sent()
    {
        var integrationEvent = new IntegrationEvent<PaymentDisputeOpenedData>(
            Guid.NewGuid(), "subject", Times.Start,
            new PaymentDisputeOpenedData(Guid.NewGuid(), Guid.NewGuid(), "du_1", 1500, "USD", "fraudulent", "needs_response", null, Times.Start));

        await Handler(null).HandleAsync(integrationEvent, CancellationToken.None);

        Assert.Empty(_sender.Sent);
        Assert.Empty(_templates.Rendered);
    }

    private DisputeOpenedEmailHandler Handler(string? operators) =>
        new(new EmailNotifications(_templates, _sender, new EmailIdentity("Paydesk", "paydesk.test"), TestTelemetry.Create()), new OperatorsMailbox(operators), NullLogger<DisputeOpenedEmailHandler>.Instance);
}
