using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Application.Notifications;

namespace Paydesk.Application.Tests.Notifications;

public sealed class PaymentEmailHandlerTests
{
    private readonly EmailNotificationsTests.RecordingTemplates _templates = new();
    private readonly EmailNotificationsTests.RecordingSender _sender = new();
    private readonly InMemoryUserRepository _users = new();
    private readonly InMemoryPaymentRepository _payments = new();

    [Fact]
    public async Task A_refund_email_shows_the_amounts_of_the_event_as_read_from_its_json()
    {
        var user = Users.Alice();
        var payment = Payments.Succeeded(user.Id, Times.Start, amount: 1500);
        _users.Seed(user);
        _payments.Seed(payment);
        // The data exactly as the outbox writes them for payment.refunded, schema version 1.
        var json = JsonDocument.Parse($$"""
            {"paymentId":"{{payment.Id.Value}}","userId":"{{user.Id.Value}}","currency":"USD",
             "refund":{"refundId":"{{Guid.NewGuid()}}","amount":500,"reason":null},
             "amountRefunded":500,"amountRemaining":1000,"status":"partially_refunded","refundedAt":"2026-03-14T12:00:00+00:00"}
            """).RootElement;
        var integrationEvent = IntegrationEventSubscription.For<PaymentRefundedData>()
            .Read(Guid.NewGuid(), payment.Id.ToString(), Times.Start, json);
        var handler = new PaymentRefundedEmailHandler(Notifications(), _users, _payments, NullLogger<PaymentRefundedEmailHandler>.Instance);

        await ((Abstractions.IIntegrationEventHandler)handler).HandleAsync(integrationEvent, CancellationToken.None);

        var (template, values) = Assert.Single(_templates.Rendered);
        Assert.Equal(EmailNotifications.PaymentRefunded, template);
        Assert.Equal("$5.00", values["refund_amount"]);
        Assert.Equal("$5.00", values["total_refunded"]);
        Assert.Equal("$15.00", values["amount"]);
        Assert.Equal("alice@example.com", Assert.Single(_sender.Sent).ToAddress);
    }

    [Fact]
    public void The_payment_emails_keep_the_inbox_name_of_the_single_handler_they_replace()
    {
        var notifications = Notifications();

        Abstractions.IIntegrationEventHandler[] handlers =
        [
            new PaymentSucceededEmailHandler(notifications, _users, _payments, NullLogger<PaymentSucceededEmailHandler>.Instance),
            new PaymentFailedEmailHandler(notifications, _users, _payments, NullLogger<PaymentFailedEmailHandler>.Instance),
            new PaymentRequiresActionEmailHandler(notifications, _users, _payments, NullLogger<PaymentRequiresActionEmailHandler>.Instance),
            new PaymentRefundedEmailHandler(notifications, _users, _payments, NullLogger<PaymentRefundedEmailHandler>.Instance),
        ];

        Assert.All(handlers, h => Assert.Equal("email.payment", h.Name));
        Assert.Equal("email.welcome", new WelcomeEmailHandler(notifications, NullLogger<WelcomeEmailHandler>.Instance).Name);
    }

    [Fact]
    public async Task An_event_for_a_payment_that_does_not_exist_sends_nothing_and_is_not_retried()
    {
        var integrationEvent = new IntegrationEvent<PaymentSucceededData>(
            Guid.NewGuid(), "subject", Times.Start, new PaymentSucceededData(Guid.NewGuid(), Guid.NewGuid(), 1500, "USD", "ch_1", Times.Start));
        var handler = new PaymentSucceededEmailHandler(Notifications(), _users, _payments, NullLogger<PaymentSucceededEmailHandler>.Instance);

        await handler.HandleAsync(integrationEvent, CancellationToken.None);

        Assert.Empty(_sender.Sent);
    }

    private EmailNotifications Notifications() =>
        new(_templates, _sender, new EmailIdentity("Paydesk", "paydesk.test"), TestTelemetry.Create());
}
