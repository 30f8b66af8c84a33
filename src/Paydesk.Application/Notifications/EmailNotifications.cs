using System.Globalization;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Domain.Amounts;

namespace Paydesk.Application.Notifications;

/// <summary>
/// The emails Paydesk sends and what each one says. Each is keyed by the integration event that
/// caused it: the event id becomes the Message-ID, so a redelivered event produces the same message.
/// </summary>
public sealed class EmailNotifications(IEmailTemplates templates, IEmailSender sender, EmailIdentity identity, PaydeskTelemetry telemetry)
{
    public const string Welcome = "welcome";
    public const string PaymentSucceeded = "payment_succeeded";
    public const string PaymentFailed = "payment_failed";
    public const string PaymentRequiresAction = "payment_requires_action";
    public const string PaymentRefunded = "payment_refunded";
    public const string PaymentCaptured = "payment_captured";
    public const string PaymentCanceled = "payment_canceled";
    public const string DisputeOpened = "dispute_opened";

    public Task<EmailSendResult> SendWelcomeAsync(Guid eventId, EmailRecipient to, CancellationToken cancellationToken) =>
        SendAsync(eventId, Welcome, to, new Dictionary<string, string>(StringComparer.Ordinal), cancellationToken);

    /// <param name="template">One of <see cref="PaymentSucceeded"/>, <see cref="PaymentFailed"/>, <see cref="PaymentRequiresAction"/>.</param>
    public Task<EmailSendResult> SendPaymentAsync(Guid eventId, string template, EmailRecipient to, PaymentFacts payment, CancellationToken cancellationToken) =>
        SendAsync(eventId, template, to, payment.ToValues(), cancellationToken);

    public Task<EmailSendResult> SendRefundAsync(Guid eventId, EmailRecipient to, PaymentFacts payment, long refundedAmount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var values = payment.ToValues();
        values["refund_amount"] = MoneyFormatter.Format(refundedAmount, payment.Currency);
        values["total_refunded"] = MoneyFormatter.Format(payment.AmountRefunded, payment.Currency);
        return SendAsync(eventId, PaymentRefunded, to, values, cancellationToken);
    }

    /// <summary>The operators' notice of a new dispute: which payment, how much, why, and by when to answer.</summary>
    public Task<EmailSendResult> SendDisputeOpenedAsync(Guid eventId, EmailRecipient to, PaymentDisputeOpenedData dispute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["payment_id"] = dispute.PaymentId.ToString(),
            ["dispute_id"] = dispute.DisputeId,
            ["amount"] = MoneyFormatter.Format(dispute.Amount, Currency.FromCode(dispute.Currency)),
            ["reason"] = dispute.Reason,
            ["status"] = dispute.Status,
            ["due_by"] = dispute.EvidenceDueBy?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? string.Empty,
        };
        return SendAsync(eventId, DisputeOpened, to, values, cancellationToken);
    }

    private async Task<EmailSendResult> SendAsync(Guid eventId, string template, EmailRecipient to, Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        using var activity = PaydeskTelemetry.ActivitySource.StartActivity($"email {template}", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("paydesk.event.id", eventId.ToString());
        values["name"] = to.Name;
        values["product"] = identity.ProductName;
        var rendered = await templates.RenderAsync(template, values, cancellationToken);
        var message = new EmailMessage(
            MessageIdFor(eventId),
            to.Address,
            to.Name,
            rendered.Subject,
            rendered.HtmlBody,
            rendered.TextBody);
        var result = await sender.SendAsync(message, cancellationToken);
        activity?.SetTag("paydesk.email.result", result.Status.ToString());
        telemetry.Emails.Add(1, new("template", template), new("result", result.Status.ToString()));
        return result;
    }

    private string MessageIdFor(Guid eventId) => $"{eventId:N}@{identity.MessageIdDomain}";
}

public sealed record EmailRecipient(string Address, string Name);

/// <summary>Who the emails come from, as configured.</summary>
public sealed record EmailIdentity(string ProductName, string MessageIdDomain);

/// <summary>What a payment email shows about the payment.</summary>
public sealed record PaymentFacts(
    Guid PaymentId,
    long Amount,
    Currency Currency,
    string? Description,
    DateTimeOffset CreatedAt,
    string? FailureMessage,
    long AmountRefunded)
{
    internal Dictionary<string, string> ToValues() => new(StringComparer.Ordinal)
    {
        ["payment_id"] = PaymentId.ToString(),
        ["amount"] = MoneyFormatter.Format(Amount, Currency),
        ["description"] = Description ?? string.Empty,
        ["date"] = CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        ["failure_message"] = FailureMessage ?? string.Empty,
    };
}
