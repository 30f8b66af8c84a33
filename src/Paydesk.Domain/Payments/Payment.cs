using Paydesk.Domain.Common;
using Paydesk.Domain.Amounts;

namespace Paydesk.Domain.Payments;

/// <summary>
/// A charge of one user through the gateway, and the refunds against it. The payment is the only
/// way to change its status or its refunds, so every rule about money lives here.
/// </summary>
public sealed partial class Payment : IHasDomainEvents
{
    public const int MaxDescriptionLength = 1000;
    public const int MaxFailureMessageLength = 500;
    public const int MaxClientSecretLength = 255;
    public const int MaxCancellationReasonLength = 500;

    private readonly List<Refund> _refunds = [];
    private readonly List<Dispute> _disputes = [];
    private readonly DomainEventList _events = new();

    private Payment(PaymentId id, UserId userId, Money amount, ChargeMethod method, string? description, string idempotencyKey, DateTimeOffset now, CaptureMethod capture, Metadata metadata)
    {
        Capture = capture;
        Metadata = metadata;
        Id = id;
        UserId = userId;
        Amount = amount.MinorUnits;
        Currency = amount.Currency;
        Source = method.Source;
        GatewayCustomer = method.GatewayCustomer;
        OffSession = method.OffSession;
        ReturnUrl = method.ReturnUrl;
        Description = description;
        IdempotencyKey = idempotencyKey;
        Status = PaymentStatus.Pending;
        CreatedAt = now;
        UpdatedAt = now;
    }

    private Payment()
    {
        Currency = null!;
        Source = null!;
        IdempotencyKey = null!;
        Metadata = Metadata.Empty;
    }

    public PaymentId Id { get; private set; }

    public UserId UserId { get; private set; }

    /// <summary>Minor units of <see cref="Currency"/>.</summary>
    public long Amount { get; private set; }

    public Currency Currency { get; private set; }

    /// <summary>The gateway's payment-method token; never card data.</summary>
    public string Source { get; private set; }

    /// <summary>The gateway's customer the method is saved to; null for a one-off method.</summary>
    public string? GatewayCustomer { get; private set; }

    /// <summary>Charged without the payer present (no authentication possible), or on-session.</summary>
    public bool OffSession { get; private set; }

    /// <summary>Where the gateway sends the payer back after authenticating an on-session charge.</summary>
    public string? ReturnUrl { get; private set; }

    public string? Description { get; private set; }

    /// <summary>Whether a successful charge takes the money at once or only authorizes it for a later capture.</summary>
    public CaptureMethod Capture { get; private set; }

    /// <summary>While <c>requires_capture</c>: the minor units that may still be captured; 0 otherwise.</summary>
    public long AmountCapturable { get; private set; }

    /// <summary>While <c>requires_capture</c>: when the authorization lapses, when the gateway said.</summary>
    public DateTimeOffset? CaptureBefore { get; private set; }

    /// <summary>After a partial capture: the authorized minor units released uncaptured.</summary>
    public long AmountReleased { get; private set; }

    /// <summary>When a manual-capture payment was captured; null for one captured at once (it counts on its creation day).</summary>
    public DateTimeOffset? CapturedAt { get; private set; }

    /// <summary>When <c>canceled</c>: why (the caller's reason, or e.g. <c>authorization_expired</c>).</summary>
    public string? CancellationReason { get; private set; }

    /// <summary>The caller's tags, fixed when the payment is created.</summary>
    public Metadata Metadata { get; private set; }

    public PaymentStatus Status { get; private set; }

    public string? GatewayReference { get; private set; }

    public string? FailureCode { get; private set; }

    public string? FailureMessage { get; private set; }

    /// <summary>While <c>requires_action</c>: what the payer must do (<see cref="PaymentNextAction.Type"/>); null otherwise.</summary>
    public string? NextActionType { get; private set; }

    /// <summary>While <c>requires_action</c>: where the payer authenticates, when the gateway gave a URL.</summary>
    public string? NextActionUrl { get; private set; }

    /// <summary>
    /// While <c>requires_action</c>: the gateway's secret the payer's client completes the charge
    /// with. Kept only until the payment settles, never logged, shown only to callers that may charge.
    /// </summary>
    public string? ClientSecret { get; private set; }

    /// <summary>Minor units refunded by the gateway so far.</summary>
    public long AmountRefunded { get; private set; }

    /// <summary>
    /// Minor units under dispute: open disputes and lost ones (not inquiries, not won disputes). Kept
    /// beside the disputes, as <see cref="AmountRefunded"/> is, so that lists show it without them.
    /// </summary>
    public long AmountDisputed { get; private set; }

    /// <summary>The key sent to the gateway, stored before the call so a retry reuses it.</summary>
    public string IdempotencyKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>How many times reconciliation has asked the gateway about this payment or its refunds.</summary>
    public int ReconcileAttempts { get; private set; }

    /// <summary>When reconciliation may next look at this payment; null until its first check.</summary>
    public DateTimeOffset? NextReconcileAt { get; private set; }

    /// <summary>Bumped by every change; the store uses it to refuse a lost update.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Refund> Refunds => _refunds;

    public IReadOnlyList<Dispute> Disputes => _disputes;


    public IReadOnlyList<IDomainEvent> DomainEvents => _events.Events;

    public Money Total => new(Amount, Currency);

    public ChargeMethod Method => new(Source, GatewayCustomer, OffSession, ReturnUrl);

    public PaymentNextAction? NextAction => NextActionType is null ? null : new(NextActionType, NextActionUrl);

    /// <summary>What may still be refunded: the amount less refunds that succeeded or are under way.</summary>
    public long RefundableAmount => Amount - _refunds.Where(r => r.HoldsAmount).Sum(r => r.Amount);

    public static Payment Create(PaymentId id, UserId userId, Money amount, string source, string? description, string idempotencyKey, DateTimeOffset now) =>
        Create(id, userId, amount, ChargeMethod.OneOff(source), description, idempotencyKey, now);

    public static Payment Create(PaymentId id, UserId userId, Money amount, ChargeMethod method, string? description, string idempotencyKey, DateTimeOffset now, CaptureMethod capture = CaptureMethod.Automatic, Metadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        Money.Positive(amount.MinorUnits, amount.Currency);
        if (!PaymentSource.IsValid(method.Source))
        {
            throw new InvalidValueException("invalid_source", "The source must be a payment-method token such as pm_card_visa.");
        }

        if (description is { Length: > MaxDescriptionLength })
        {
            throw new InvalidValueException("invalid_description", $"The description must be at most {MaxDescriptionLength} characters.");
        }

        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var payment = new Payment(id, userId, amount, method, description, idempotencyKey, Timestamps.Normalize(now), capture, metadata ?? Metadata.Empty);
        payment.RecordPaymentTransition(null, null);
        return payment;
    }


    public void ClearDomainEvents() => _events.Clear();

    /// <summary>
    /// Takes this payment for one reconciliation check and books the next. It bumps the version, so
    /// when two instances try at once only one commit wins: each check happens once.
    /// </summary>
    public void ClaimReconciliation(DateTimeOffset nextCheckAt)
    {
        ReconcileAttempts++;
        NextReconcileAt = Timestamps.Normalize(nextCheckAt);
        Version++;
    }

    private static string Bounded(string value, int maxLength) => value.Length > maxLength ? value[..maxLength] : value;

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = Timestamps.Normalize(now);
        Version++;
    }
}
