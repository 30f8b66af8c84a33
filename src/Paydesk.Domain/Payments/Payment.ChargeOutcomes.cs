using Paydesk.Domain.Common;
using Paydesk.Domain.Amounts;

namespace Paydesk.Domain.Payments;

/// <summary>The one place a gateway's word on the charge changes the payment.</summary>
public sealed partial class Payment
{
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

        var from = Status;
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
                RecordPaymentTransition(from, Amount);
                break;
            case GatewayChargeStatus.Failed or GatewayChargeStatus.Rejected:
                Status = PaymentStatus.Failed;
                GatewayReference = outcome.Reference ?? GatewayReference;
                ClearNextAction();
                FailureCode = outcome.FailureCode;
                FailureMessage = outcome.FailureMessage!.Length > MaxFailureMessageLength ? outcome.FailureMessage[..MaxFailureMessageLength] : outcome.FailureMessage;
                Touch(now);
                _events.Raise(new PaymentFailed(Id, UserId, Total, FailureCode!, FailureMessage, UpdatedAt));
                RecordPaymentTransition(from, null);
                break;
            case GatewayChargeStatus.RequiresAction:
                Status = PaymentStatus.RequiresAction;
                GatewayReference = outcome.Reference;
                (NextActionType, NextActionUrl, ClientSecret) = (outcome.NextAction?.Type, outcome.NextAction?.Url, outcome.ClientSecret);
                Touch(now);
                _events.Raise(new PaymentRequiresAction(Id, UserId, Total, outcome.Reference!, UpdatedAt));
                RecordPaymentTransition(from, null);
                break;
            case GatewayChargeStatus.Authorized:
                Status = PaymentStatus.RequiresCapture;
                GatewayReference = outcome.Reference;
                (AmountCapturable, CaptureBefore) = (Math.Min(outcome.AmountCapturable ?? Amount, Amount), outcome.CaptureBefore is { } lapse ? Timestamps.Normalize(lapse) : null);
                ClearNextAction();
                Touch(now);
                _events.Raise(new PaymentAuthorized(Id, UserId, Total, outcome.Reference!, CaptureBefore, UpdatedAt));
                RecordPaymentTransition(from, AmountCapturable);
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
                RecordPaymentTransition(from, null);
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
        RecordPaymentTransition(PaymentStatus.RequiresCapture, captured);
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
}
