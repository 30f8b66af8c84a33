using Paydesk.Application.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <summary>
/// A payment as callers see it. Amounts are minor units of <see cref="Currency"/>. While the
/// payment is <c>requires_action</c>, <see cref="NextAction"/> says what the payer must do and
/// <see cref="ClientSecret"/> lets the payer's client complete it; both are null otherwise. The
/// secret, and the URL (which at Stripe carries it), go only to callers that may charge.
/// </summary>
public sealed record PaymentResponse(
    Guid Id,
    Guid UserId,
    long Amount,
    string Currency,
    string Status,
    string Source,
    string? Description,
    string? GatewayReference,
    string? FailureCode,
    string? FailureMessage,
    long AmountRefunded,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    NextActionResponse? NextAction = null,
    string? ClientSecret = null,
    string Capture = CaptureMethodNames.Automatic,
    long AmountCapturable = 0,
    DateTimeOffset? CaptureBefore = null,
    long AmountReleased = 0,
    string? CancellationReason = null,
    MetadataDictionary? Metadata = null)
{
    /// <summary>Minor units under dispute: open disputes and lost ones (not inquiries, not won disputes).</summary>
    public long AmountDisputed { get; init; }

    // Kept in a list with value equality, so that the record's equality still means equal values.
    private readonly EquatableList<DisputeResponse> _disputes = EquatableList<DisputeResponse>.Empty;

    /// <summary>The payment's disputes, oldest first.</summary>
    public IReadOnlyList<DisputeResponse> Disputes
    {
        get => _disputes;
        init => _disputes = new EquatableList<DisputeResponse>(value ?? []);
    }

    /// <summary>The payment for any caller that may read it, and as stored for a replay: the next action without its URL, no client secret.</summary>
    public static PaymentResponse From(Payment payment) => WithSecrets(payment) with
    {
        NextAction = payment.NextAction is { } action ? new NextActionResponse(action.Type, null) : null,
        ClientSecret = null,
    };

    /// <summary>The payment for a caller that may charge (<c>payments:write</c>): the next action with its URL, and the client secret.</summary>
    public static PaymentResponse WithSecrets(Payment payment) => new(
        payment.Id.Value,
        payment.UserId.Value,
        payment.Amount,
        payment.Currency.Code,
        payment.Status.ToName(),
        payment.Source,
        payment.Description,
        payment.GatewayReference,
        payment.FailureCode,
        payment.FailureMessage,
        payment.AmountRefunded,
        payment.CreatedAt,
        payment.UpdatedAt,
        payment.NextAction is { } action ? new NextActionResponse(action.Type, action.Url) : null,
        payment.ClientSecret,
        payment.Capture.ToName(),
        payment.AmountCapturable,
        payment.CaptureBefore,
        payment.AmountReleased,
        payment.Status == PaymentStatus.Canceled ? payment.CancellationReason : null,
        MetadataDictionary.From(payment.Metadata))
    {
        AmountDisputed = payment.AmountDisputed,
        Disputes = DisputeResponse.ListOf(payment),
    };
}

/// <summary>What the payer must do: <c>redirect_to_url</c> (open <see cref="Url"/>) or <c>use_stripe_sdk</c> (Stripe.js <c>handleNextAction</c> with the client secret).</summary>
public sealed record NextActionResponse(string Type, string? Url);

/// <summary>A refund as callers see it. The amount is minor units of <see cref="Currency"/>.</summary>
public sealed record RefundResponse(
    Guid Id,
    Guid PaymentId,
    long Amount,
    string Currency,
    string? Reason,
    string Status,
    string? GatewayReference,
    string? FailureCode,
    DateTimeOffset CreatedAt,
    MetadataDictionary? Metadata = null)
{
    public static RefundResponse From(Payment payment, Refund refund) => new(
        refund.Id.Value,
        payment.Id.Value,
        refund.Amount,
        payment.Currency.Code,
        refund.Reason,
        refund.Status.ToName(),
        refund.GatewayReference,
        refund.FailureCode,
        refund.CreatedAt,
        MetadataDictionary.From(refund.Metadata));
}
