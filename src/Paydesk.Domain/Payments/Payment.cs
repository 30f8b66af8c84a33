using Paydesk.Domain.Common;
using Paydesk.Domain.Amounts;

namespace Paydesk.Domain.Payments;

/// <summary>
/// A charge of one user through the gateway, and the refunds against it. The payment is the only
/// way to change its status or its refunds, so every rule about money lives here.
/// </summary>
public sealed class Payment : IHasDomainEvents
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
        return new Payment(id, userId, amount, method, description, idempotencyKey, Timestamps.Normalize(now), capture, metadata ?? Metadata.Empty);
    }

    /// <summary>
    /// Checks that <paramref name="amount"/> (all that is authorized when null) may be captured now
    /// and returns it; the gateway's answer then settles the payment through <see cref="Apply(GatewayChargeOutcome, DateTimeOffset, OutcomeRule)"/>.
    /// </summary>
    public long EnsureCapturable(long? amount)
    {
        if (Status != PaymentStatus.RequiresCapture)
        {
            throw new DomainException("payment_not_capturable", $"A {Status.ToName()} payment cannot be captured; only a requires_capture payment can.");
        }

        var capture = amount ?? AmountCapturable;
        if (capture <= 0)
        {
            throw new InvalidValueException("invalid_amount", "The amount to capture must be at least 1 minor unit.");
        }

        return capture <= AmountCapturable
            ? capture
            : throw new DomainException("capture_exceeds_authorized", $"At most {AmountCapturable} minor units are authorized; {capture} cannot be captured.");
    }

    /// <summary>
    /// Checks that the payment may be canceled now: no money is captured and the gateway knows the
    /// charge. A captured payment is refunded instead.
    /// </summary>
    public void EnsureCancelable()
    {
        var cancelable = Status is PaymentStatus.RequiresCapture or PaymentStatus.RequiresAction
            || (Status == PaymentStatus.Pending && GatewayReference is not null);
        if (!cancelable)
        {
            throw new DomainException(
                "payment_not_cancelable",
                Status is PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded
                    ? "The payment's money was captured: refund it instead."
                    : $"A {Status.ToName()} payment cannot be canceled.");
        }
    }

    /// <summary>
    /// Checks that the payment may be canceled and keeps the caller's <paramref name="reason"/>, which
    /// becomes the cancellation reason however the gateway's cancel arrives (its answer, or its
    /// webhook first, which knows only Stripe's own reason).
    /// </summary>
    public void RequestCancel(string? reason)
    {
        EnsureCancelable();
        if (reason is { Length: > 0 })
        {
            CancellationReason = Bounded(reason, MaxCancellationReasonLength);
        }
    }

    /// <summary>
    /// Reserves <paramref name="amount"/> (all that remains when null) for a refund that the gateway
    /// is about to be asked for. The reservation holds until the refund succeeds or fails.
    /// </summary>
    public Refund RequestRefund(RefundId id, long? amount, string? reason, string idempotencyKey, DateTimeOffset now, Metadata? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        if (Status is not (PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded))
        {
            throw new DomainException("payment_not_refundable", $"A {Status.ToName()} payment cannot be refunded; only succeeded or partially refunded payments can.");
        }

        var remaining = RefundableAmount;
        if (remaining <= 0)
        {
            throw new DomainException("payment_not_refundable", "Nothing is left to refund: refunds for the whole amount succeeded or are under way.");
        }

        var refund = Refund.Reserve(id, Id, amount ?? remaining, remaining, reason, idempotencyKey, Timestamps.Normalize(now), metadata ?? Metadata.Empty);
        _refunds.Add(refund);

        // A new pending refund gets reconciliation's full schedule of checks.
        ReconcileAttempts = 0;
        NextReconcileAt = null;
        Touch(now);
        return refund;
    }

    /// <summary>
    /// Applies what the gateway says became of the charge; <paramref name="rule"/> says what happens
    /// when the payment can no longer get there. Returns whether anything changed.
    /// </summary>
    public bool Apply(GatewayChargeOutcome outcome, DateTimeOffset now, OutcomeRule rule)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentException.ThrowIfNullOrEmpty(outcome.FailureCode is null ? outcome.Reference : outcome.FailureCode, nameof(outcome));

        // Only an open payment may end, and only a pending one may need action or be processing: a
        // settled payment never moves back, whatever order the gateway's answers arrive in.
        // An authorization is held until captured (success) or released (canceled).
        var allowed = outcome.Status switch
        {
            GatewayChargeStatus.RequiresAction or GatewayChargeStatus.Processing => Status == PaymentStatus.Pending,
            GatewayChargeStatus.Succeeded or GatewayChargeStatus.Canceled => Status is PaymentStatus.Pending or PaymentStatus.RequiresAction or PaymentStatus.RequiresCapture,
            _ => Status is PaymentStatus.Pending or PaymentStatus.RequiresAction,
        };
        if (outcome.Status == GatewayChargeStatus.Authorized && Status == PaymentStatus.RequiresCapture && GatewayReference == outcome.Reference)
        {
            // A second report of the same authorization (a webhook without the lapse time, say) only fills in what is missing.
            return RecordCaptureBefore(outcome, now);
        }

        if (outcome.Status == GatewayChargeStatus.RequiresAction && Status == PaymentStatus.RequiresAction && GatewayReference == outcome.Reference)
        {
            // A second report of the same request for action (a webhook that carried less, say) only fills in what is missing.
            return RecordNextAction(outcome, now);
        }

        if (!allowed)
        {
            return rule == OutcomeRule.Strict
                ? throw new DomainException("invalid_payment_state", $"A {Status.ToName()} payment cannot become {outcome.Status}.")
                : false;
        }

        switch (outcome.Status)
        {
            case GatewayChargeStatus.Succeeded when Status == PaymentStatus.RequiresCapture:
                SettleCapture(outcome, now);
                break;
            case GatewayChargeStatus.Succeeded:
                Status = PaymentStatus.Succeeded;
                (GatewayReference, FailureCode, FailureMessage) = (outcome.Reference, null, null);
                ClearNextAction();
                Touch(now);
                _events.Raise(new PaymentSucceeded(Id, UserId, Total, outcome.Reference!, UpdatedAt));
                break;
            case GatewayChargeStatus.Failed or GatewayChargeStatus.Rejected:
                Status = PaymentStatus.Failed;
                GatewayReference = outcome.Reference ?? GatewayReference;
                ClearNextAction();
                FailureCode = outcome.FailureCode;
                FailureMessage = outcome.FailureMessage!.Length > MaxFailureMessageLength ? outcome.FailureMessage[..MaxFailureMessageLength] : outcome.FailureMessage;
                Touch(now);
                _events.Raise(new PaymentFailed(Id, UserId, Total, FailureCode!, FailureMessage, UpdatedAt));
                break;
            case GatewayChargeStatus.RequiresAction:
                Status = PaymentStatus.RequiresAction;
                GatewayReference = outcome.Reference;
                (NextActionType, NextActionUrl, ClientSecret) = (outcome.NextAction?.Type, outcome.NextAction?.Url, outcome.ClientSecret);
                Touch(now);
                _events.Raise(new PaymentRequiresAction(Id, UserId, Total, outcome.Reference!, UpdatedAt));
                break;
            case GatewayChargeStatus.Authorized:
                Status = PaymentStatus.RequiresCapture;
                GatewayReference = outcome.Reference;
                (AmountCapturable, CaptureBefore) = (Math.Min(outcome.AmountCapturable ?? Amount, Amount), outcome.CaptureBefore is { } lapse ? Timestamps.Normalize(lapse) : null);
                ClearNextAction();
                Touch(now);
                _events.Raise(new PaymentAuthorized(Id, UserId, Total, outcome.Reference!, CaptureBefore, UpdatedAt));
                break;
            case GatewayChargeStatus.Canceled:
                Status = PaymentStatus.Canceled;
                GatewayReference = outcome.Reference ?? GatewayReference;
                // A cancel on request keeps the reason the caller gave (RequestCancel); any other
                // cancel (a lapse, an abandoned authentication) says why itself.
                CancellationReason = (outcome.CancellationReason ?? GatewayChargeOutcome.RequestedReason) == GatewayChargeOutcome.RequestedReason && CancellationReason is { } requested
                    ? requested
                    : Bounded(outcome.CancellationReason ?? GatewayChargeOutcome.RequestedReason, MaxCancellationReasonLength);
                (AmountCapturable, CaptureBefore) = (0, null);
                ClearNextAction();
                Touch(now);
                _events.Raise(new PaymentCanceled(Id, UserId, Total, CancellationReason, UpdatedAt));
                break;
            case GatewayChargeStatus.Processing when GatewayReference == outcome.Reference:
                return false;
            case GatewayChargeStatus.Processing:
                // Settled later: the payment stays pending, now with the reference to look it up by.
                GatewayReference = outcome.Reference;
                Touch(now);
                break;
        }

        return true;
    }

    /// <summary>
    /// Applies what the gateway says became of one of this payment's refunds; <paramref name="rule"/>
    /// says what happens when that refund is no longer pending. Returns whether anything changed.
    /// </summary>
    public bool Apply(RefundId refundId, GatewayRefundOutcome outcome, DateTimeOffset now, OutcomeRule rule)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var refund = _refunds.SingleOrDefault(r => r.Id == refundId);
        if (rule == OutcomeRule.IfAllowed && refund is not { Status: RefundStatus.Pending })
        {
            return false;
        }

        if (refund is null)
        {
            throw new DomainException("refund_not_found", $"Refund {refundId} does not belong to payment {Id}.");
        }

        var normalizedNow = Timestamps.Normalize(now);
        switch (outcome.Status)
        {
            case GatewayRefundStatus.Succeeded:
                refund.Succeed(outcome.Reference!, normalizedNow);
                AmountRefunded += refund.Amount;
                Status = AmountRefunded >= Amount ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
                Touch(now);
                _events.Raise(new PaymentRefunded(
                    Id, UserId, refund.Id, new Money(refund.Amount, Currency), refund.Reason,
                    new Money(AmountRefunded, Currency), new Money(Amount - AmountRefunded, Currency), Status, UpdatedAt));
                return true;
            case GatewayRefundStatus.Failed:
                refund.Fail(outcome.Reference, outcome.FailureCode!, normalizedNow);
                Touch(now);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Applies the gateway's latest report of a dispute of this payment, in whatever order reports
    /// arrive: the first opens it, later ones only move it forward. Returns whether anything changed.
    /// </summary>
    public bool Apply(GatewayDispute reported, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reported);
        var normalizedNow = Timestamps.Normalize(now);
        var dispute = _disputes.SingleOrDefault(d => d.GatewayId == reported.GatewayId);
        if (dispute is null)
        {
            dispute = Dispute.Open(Id, Currency, reported);
            _disputes.Add(dispute);
            dispute.Merge(reported, normalizedNow);
            _events.Raise(new PaymentDisputeOpened(
                Id, UserId, dispute.GatewayId, new Money(dispute.Amount, Currency), dispute.Reason, dispute.Status, dispute.EvidenceDueBy, normalizedNow));
            RaiseIfClosed(dispute);
            AmountDisputed = _disputes.Where(d => d.HoldsAmount).Sum(d => d.Amount);
            Touch(now);
            return true;
        }

        var (changed, closedNow) = dispute.Merge(reported, normalizedNow);
        if (!changed)
        {
            return false;
        }

        if (closedNow)
        {
            RaiseIfClosed(dispute);
        }

        AmountDisputed = _disputes.Where(d => d.HoldsAmount).Sum(d => d.Amount);
        Touch(now);
        return true;
    }

    public void ClearDomainEvents() => _events.Clear();

    private void RaiseIfClosed(Dispute dispute)
    {
        if (dispute.IsClosed)
        {
            _events.Raise(new PaymentDisputeClosed(Id, UserId, dispute.GatewayId, new Money(dispute.Amount, Currency), dispute.Status, dispute.ClosedAt!.Value));
        }
    }

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

    // The capture takes what the gateway says it received (all that was authorized when it does not say) and releases the rest.
    private void SettleCapture(GatewayChargeOutcome outcome, DateTimeOffset now)
    {
        var authorized = Amount;
        var captured = Math.Clamp(outcome.AmountReceived ?? AmountCapturable, 1, authorized);
        Status = PaymentStatus.Succeeded;
        (Amount, AmountReleased, AmountCapturable, CaptureBefore) = (captured, authorized - captured, 0, null);
        (GatewayReference, FailureCode, FailureMessage) = (outcome.Reference ?? GatewayReference, null, null);
        Touch(now);
        CapturedAt = UpdatedAt;
        _events.Raise(new PaymentCaptured(Id, UserId, Total, new Money(AmountReleased, Currency), GatewayReference!, UpdatedAt));
    }

    private bool RecordCaptureBefore(GatewayChargeOutcome outcome, DateTimeOffset now)
    {
        if (CaptureBefore is not null || outcome.CaptureBefore is not { } lapse)
        {
            return false;
        }

        CaptureBefore = Timestamps.Normalize(lapse);
        Touch(now);
        return true;
    }

    private static string Bounded(string value, int maxLength) => value.Length > maxLength ? value[..maxLength] : value;

    private bool RecordNextAction(GatewayChargeOutcome outcome, DateTimeOffset now)
    {
        var type = NextActionType ?? outcome.NextAction?.Type;
        var url = NextActionUrl ?? (type == outcome.NextAction?.Type ? outcome.NextAction?.Url : null);
        var secret = ClientSecret ?? outcome.ClientSecret;
        if ((type, url, secret) == (NextActionType, NextActionUrl, ClientSecret))
        {
            return false;
        }

        (NextActionType, NextActionUrl, ClientSecret) = (type, url, secret);
        Touch(now);
        return true;
    }

    // The next action and its secret are of use only while the payer can still act.
    private void ClearNextAction() => (NextActionType, NextActionUrl, ClientSecret) = (null, null, null);

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = Timestamps.Normalize(now);
        Version++;
    }
}
