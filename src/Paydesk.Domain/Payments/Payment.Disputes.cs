using Paydesk.Domain.Common;
using Paydesk.Domain.Amounts;

namespace Paydesk.Domain.Payments;

/// <summary>Disputes the payer's bank opens against the payment, merged whatever order they are told in.</summary>
public sealed partial class Payment
{
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
            RecordDisputeTransition(dispute, null);
            return true;
        }

        var before = dispute.Status;
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
        if (dispute.Status != before)
        {
            RecordDisputeTransition(dispute, before);
        }

        return true;
    }


    private void RaiseIfClosed(Dispute dispute)
    {
        if (dispute.IsClosed)
        {
            _events.Raise(new PaymentDisputeClosed(Id, UserId, dispute.GatewayId, new Money(dispute.Amount, Currency), dispute.Status, dispute.ClosedAt!.Value));
        }
    }
}
