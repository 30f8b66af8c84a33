using Paydesk.Application.Abstractions;
using Paydesk.Application.Notifications;

using Paydesk.Domain.Amounts;

namespace Paydesk.Application.Tests.Notifications;

public sealed class EmailNotificationsTests
{
    private readonly RecordingTemplates _templates = new();
    private readonly RecordingSender _sender = new();

    [Fact]
    public async Task The_message_id_is_derived_from_the_event_so_a_redelivery_is_the_same_message()
    {
        var notifications = new EmailNotifications(_templates, _sender, new EmailIdentity("Paydesk", "mail.paydesk.test"), TestTelemetry.Create());
        var eventId = Guid.NewGuid();
        var to = new EmailRecipient("ada@example.com", "Ada");

        await notifications.SendWelcomeAsync(eventId, to, CancellationToken.None);
        await notifications.SendWelcomeAsync(eventId, to, CancellationToken.None);

        Assert.Equal(2, _sender.Sent.Count);
        Assert.Equal($"{eventId:N}@mail.paydesk.test", _sender.Sent[0].MessageId);
        Assert.Equal(_sender.Sent[0].MessageId, _sender.Sent[1].MessageId);
    }

    [Fact]
    public async Task A_refund_email_carries_the_formatted_amounts_and_the_payment()
    {
        var notifications = new EmailNotifications(_templates, _sender, new EmailIdentity("Paydesk", "paydesk.test"), TestTelemetry.Create());
        var payment = new PaymentFacts(Guid.NewGuid(), 1500, Currency.FromCode("JPY"), "Tea", new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero), null, 500);

        await notifications.SendRefundAsync(Guid.NewGuid(), new EmailRecipient("ada@example.com", "Ada"), payment, 500, CancellationToken.None);

        var (template, values) = Assert.Single(_templates.Rendered);
        Assert.Equal(EmailNotifications.PaymentRefunded, template);
        Assert.Equal("¥1,500", values["amount"]);
        Assert.Equal("¥500", values["refund_amount"]);
        Assert.Equal(payment.PaymentId.ToString(), values["payment_id"]);
        Assert.Equal("2026-11-26 09:30 UTC", values["date"]);
        Assert.Equal("Tea", values["description"]);
        Assert.Equal("Ada", values["name"]);
    }

    internal sealed class RecordingTemplates : IEmailTemplates
    {
        public List<(string Template, IReadOnlyDictionary<string, string> Values)> Rendered { get; } = [];

        public Task<RenderedEmail> RenderAsync(string templateName, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
        {
            Rendered.Add((templateName, values));
            return Task.FromResult(new RenderedEmail($"subject {templateName}", "<p>html</p>", "text"));
        }
    }

    internal sealed class RecordingSender : IEmailSender
    {
        public List<EmailMessage> Sent { get; } = [];

        public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.FromResult(EmailSendResult.Delivered);
        }
    }
}
